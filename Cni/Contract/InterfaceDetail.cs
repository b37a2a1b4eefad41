using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>One interface of a <see cref="WorkloadEndpointStatus"/>.</summary>
public sealed record InterfaceDetail
{
    /// <summary>The interface inside the pod (a CNI_IFNAME).</summary>
    [JsonPropertyName("interface")]
    public required string Interface { get; init; }

    /// <summary>The IPv4 address with prefix length, if one is allocated.</summary>
    [JsonPropertyName("ipv4")]
    public string? IPv4 { get; init; }

    /// <summary>The IPv6 address with prefix length, if one is allocated.</summary>
    [JsonPropertyName("ipv6")]
    public string? IPv6 { get; init; }

    /// <summary>The pool of <see cref="IPv4"/>.</summary>
    [JsonPropertyName("ipv4Pool")]
    public string? IPv4Pool { get; init; }

    /// <summary>The pool of <see cref="IPv6"/>.</summary>
    [JsonPropertyName("ipv6Pool")]
    public string? IPv6Pool { get; init; }

    /// <summary>The IPv4 gateway, if any.</summary>
    [JsonPropertyName("ipv4Gateway")]
    public string? IPv4Gateway { get; init; }

    /// <summary>The IPv6 gateway, if any.</summary>
    [JsonPropertyName("ipv6Gateway")]
    public string? IPv6Gateway { get; init; }

    /// <summary>The MAC address, if one was assigned; omitted otherwise.</summary>
    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    /// <summary>The VLAN id; omitted when 0 (no VLAN).</summary>
    [JsonPropertyName("vlan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Vlan { get; init; }

    /// <summary>Routes recorded for the interface.</summary>
    [JsonPropertyName("routes")]
    public IReadOnlyList<InterfaceRoute>? Routes { get; init; }
}
