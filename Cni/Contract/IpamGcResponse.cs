using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Answer of <c>POST /v1/ipam/gc</c>.</summary>
public sealed record IpamGcResponse
{
    /// <summary>What was released, one entry per allocation, for the plugin's log (e.g. <c>10.6.0.7/16 eth0 c0ffee</c>).</summary>
    [JsonPropertyName("released")]
    public required IReadOnlyList<string> Released { get; init; }
}
