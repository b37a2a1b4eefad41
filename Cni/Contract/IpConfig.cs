using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>One allocated address in an <see cref="IpamAddResponse"/>.</summary>
public sealed record IpConfig
{
    /// <summary>4 or 6; must match the family of <see cref="Address"/>.</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    /// <summary>The address with the subnet's prefix length, e.g. <c>172.18.40.10/16</c>.</summary>
    [JsonPropertyName("address")]
    public required string Address { get; init; }

    /// <summary>The interface inside the pod the address is for (a CNI_IFNAME).</summary>
    [JsonPropertyName("nic")]
    public required string Nic { get; init; }

    /// <summary>The pool the address came from.</summary>
    [JsonPropertyName("ipPool")]
    public string? IpPool { get; init; }

    /// <summary>The subnet's gateway; absent or empty when there is none or <c>cleanGateway</c> was asked.</summary>
    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    /// <summary>The pool's VLAN id; 0 for none.</summary>
    [JsonPropertyName("vlan")]
    public int Vlan { get; init; }

    /// <summary>The MAC address assigned with the address, if any.</summary>
    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    /// <summary>Whether the main plugin should probe the gateway before finishing ADD.</summary>
    [JsonPropertyName("enableGatewayDetection")]
    public bool EnableGatewayDetection { get; init; }

    /// <summary>Whether the main plugin should probe for a conflicting holder of the address.</summary>
    [JsonPropertyName("enableIPConflictDetection")]
    public bool EnableIPConflictDetection { get; init; }
}
