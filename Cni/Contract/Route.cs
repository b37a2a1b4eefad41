using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>One route in an <see cref="IpamAddResponse"/>.</summary>
public sealed record Route
{
    /// <summary>The interface inside the pod the route is for.</summary>
    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }

    /// <summary>The destination in CIDR notation.</summary>
    [JsonPropertyName("dst")]
    public required string Dst { get; init; }

    /// <summary>The next hop; empty means the interface's gateway.</summary>
    [JsonPropertyName("gw")]
    public required string Gw { get; init; }
}
