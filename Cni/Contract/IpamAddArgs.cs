using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Body of <c>POST /v1/ipam/ip</c>: allocate addresses for one interface of a pod (CNI ADD).</summary>
public sealed record IpamAddArgs
{
    /// <summary>CNI_CONTAINERID: the sandbox the addresses are for.</summary>
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    /// <summary>CNI_IFNAME: the interface inside the pod.</summary>
    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }

    /// <summary>CNI_NETNS: path of the pod's network namespace.</summary>
    [JsonPropertyName("netNamespace")]
    public required string NetNamespace { get; init; }

    /// <summary>K8S_POD_NAMESPACE from CNI_ARGS; empty outside Kubernetes (NodeHost then keys by container id and interface).</summary>
    [JsonPropertyName("podNamespace")]
    public required string PodNamespace { get; init; }

    /// <summary>K8S_POD_NAME from CNI_ARGS; ignored when there is no namespace.</summary>
    [JsonPropertyName("podName")]
    public required string PodName { get; init; }

    /// <summary>K8S_POD_UID from CNI_ARGS; empty when the runtime does not pass it.</summary>
    [JsonPropertyName("podUID")]
    public required string PodUid { get; init; }

    /// <summary><c>ipam.default_ipv4_ippool</c>: IPv4 pools to use when the pod names none.</summary>
    [JsonPropertyName("defaultIPv4IPPool")]
    public IReadOnlyList<string>? DefaultIPv4Pools { get; init; }

    /// <summary><c>ipam.default_ipv6_ippool</c>: IPv6 pools to use when the pod names none.</summary>
    [JsonPropertyName("defaultIPv6IPPool")]
    public IReadOnlyList<string>? DefaultIPv6Pools { get; init; }

    /// <summary><c>ipam.clean_gateway</c>: return no gateway for this interface.</summary>
    [JsonPropertyName("cleanGateway")]
    public bool CleanGateway { get; init; }

    /// <summary><c>ipam.match_master_subnet</c>: only use pools whose subnet matches the master interface's.</summary>
    [JsonPropertyName("matchMasterSubnet")]
    public bool MatchMasterSubnet { get; init; }

    /// <summary>Ours: the CNI network config <c>name</c>, so a later GC of that network can find this allocation.</summary>
    [JsonPropertyName("netName")]
    public string? NetName { get; init; }

    /// <summary>Ours: the config's <c>cniVersion</c>, for NodeHost's logs.</summary>
    [JsonPropertyName("cniVersion")]
    public string? CniVersion { get; init; }

    /// <summary>Ours: <c>ipam.enable_ip_conflict_detection</c>; null leaves NodeHost's default.</summary>
    [JsonPropertyName("enableIPConflictDetection")]
    public bool? EnableIPConflictDetection { get; init; }

    /// <summary>Ours: <c>ipam.enable_gateway_detection</c>; null leaves NodeHost's default.</summary>
    [JsonPropertyName("enableGatewayDetection")]
    public bool? EnableGatewayDetection { get; init; }

    /// <summary>
    /// Ours: static addresses for this interface, from CNI_ARGS <c>IP=</c> and <c>runtimeConfig.ips</c> (address or
    /// CIDR text, at most one per family): granted exactly, or the ADD fails saying why.
    /// </summary>
    [JsonPropertyName("ips")]
    public IReadOnlyList<string>? Ips { get; init; }

    /// <summary>Ours: <c>ipam.send_gratuitous_arp</c>; null leaves NodeHost's default.</summary>
    [JsonPropertyName("sendGratuitousArp")]
    public bool? SendGratuitousArp { get; init; }
}
