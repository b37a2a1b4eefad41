using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>
/// Error body NodeHost should send with a 500 (ours): the exact CNI error to hand the runtime. Spiderpool's agent
/// sends a bare JSON string instead; the plugin accepts both and prefers this one.
/// </summary>
public sealed record AgentError
{
    /// <summary>A <see cref="CniErrorCode"/> value (any positive code is passed through, e.g. 11 to make the runtime retry).</summary>
    [JsonPropertyName("code")]
    public required int Code { get; init; }

    /// <summary>One sentence: what went wrong and, where it helps, what to fix.</summary>
    [JsonPropertyName("msg")]
    public required string Msg { get; init; }

    /// <summary>Longer detail (e.g. the pools tried), if any.</summary>
    [JsonPropertyName("details")]
    public string? Details { get; init; }
}
