using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Body of <c>DELETE /v1/ipam/ips</c>: release every address of a pod at once.</summary>
/// <remarks>Answered 521 (stateless) or 522 (stateful) when the workload's addresses must not be released.</remarks>
public sealed record IpamBatchDelArgs
{
    /// <summary>The sandbox whose allocations are released.</summary>
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    /// <summary>Path of the pod's network namespace, if known.</summary>
    [JsonPropertyName("netNamespace")]
    public string? NetNamespace { get; init; }

    /// <summary>The pod's namespace.</summary>
    [JsonPropertyName("podNamespace")]
    public required string PodNamespace { get; init; }

    /// <summary>The pod's name.</summary>
    [JsonPropertyName("podName")]
    public required string PodName { get; init; }

    /// <summary>The pod's uid.</summary>
    [JsonPropertyName("podUID")]
    public required string PodUid { get; init; }

    /// <summary>Release addresses found in conflict even if the workload would otherwise keep them.</summary>
    [JsonPropertyName("isReleaseConflictIPs")]
    public bool IsReleaseConflictIPs { get; init; }
}
