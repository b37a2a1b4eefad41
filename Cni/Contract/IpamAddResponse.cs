using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Answer of <c>POST /v1/ipam/ip</c>. It may cover every interface of the pod; the plugin keeps those of CNI_IFNAME.</summary>
public sealed record IpamAddResponse
{
    /// <summary>The allocated addresses, each tagged with its interface (<see cref="IpConfig.Nic"/>).</summary>
    [JsonPropertyName("ips")]
    public required IReadOnlyList<IpConfig> Ips { get; init; }

    /// <summary>Routes to install, each tagged with its interface.</summary>
    [JsonPropertyName("routes")]
    public IReadOnlyList<Route>? Routes { get; init; }

    /// <summary>Resolver settings for the pod, if the pool sets any.</summary>
    [JsonPropertyName("dns")]
    public Dns? Dns { get; init; }
}
