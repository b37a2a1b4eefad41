using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>A route recorded for an <see cref="InterfaceDetail"/> (the interface is implied).</summary>
public sealed record InterfaceRoute
{
    /// <summary>The destination in CIDR notation.</summary>
    [JsonPropertyName("dst")]
    public required string Dst { get; init; }

    /// <summary>The next hop.</summary>
    [JsonPropertyName("gw")]
    public required string Gw { get; init; }
}
