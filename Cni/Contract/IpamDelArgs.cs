using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Body of <c>DELETE /v1/ipam/ip</c>: release what one interface of a pod holds (CNI DEL).</summary>
/// <remarks>NodeHost answers 200 also when nothing is held, so a repeated DEL succeeds.</remarks>
public sealed record IpamDelArgs
{
    /// <summary>CNI_CONTAINERID: only allocations made for this sandbox are released.</summary>
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    /// <summary>CNI_IFNAME.</summary>
    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }

    /// <summary>CNI_NETNS; optional for DEL (the namespace may be gone).</summary>
    [JsonPropertyName("netNamespace")]
    public string? NetNamespace { get; init; }

    /// <summary>K8S_POD_NAMESPACE from CNI_ARGS; empty outside Kubernetes (NodeHost then keys by container id and interface).</summary>
    [JsonPropertyName("podNamespace")]
    public required string PodNamespace { get; init; }

    /// <summary>K8S_POD_NAME from CNI_ARGS; ignored when there is no namespace.</summary>
    [JsonPropertyName("podName")]
    public required string PodName { get; init; }

    /// <summary>K8S_POD_UID from CNI_ARGS; may be empty.</summary>
    [JsonPropertyName("podUID")]
    public required string PodUid { get; init; }

    /// <summary>Ours: the CNI network config <c>name</c>.</summary>
    [JsonPropertyName("netName")]
    public string? NetName { get; init; }

    /// <summary>Ours: the config's <c>cniVersion</c>, for NodeHost's logs.</summary>
    [JsonPropertyName("cniVersion")]
    public string? CniVersion { get; init; }
}
