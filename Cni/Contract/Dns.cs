using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Resolver settings in an <see cref="IpamAddResponse"/> (CNI's <c>dns</c> object).</summary>
public sealed record Dns
{
    /// <summary>Local domain for short host names.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; init; }

    /// <summary>Name servers in priority order.</summary>
    [JsonPropertyName("nameservers")]
    public IReadOnlyList<string>? Nameservers { get; init; }

    /// <summary>Resolver options.</summary>
    [JsonPropertyName("options")]
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>Search domains in priority order.</summary>
    [JsonPropertyName("search")]
    public IReadOnlyList<string>? Search { get; init; }
}
