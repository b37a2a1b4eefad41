using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// Release of a pod's interface (CNI DEL) or, with <see cref="IfName"/> null, of every interface of the container.
/// Matched on the container id, so a late DEL of an old sandbox leaves a newer one alone. <see cref="PoolsHint"/>
/// (the candidate pools of the configuration) lets a DEL after a half-finished ADD free what that ADD reserved.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.ReleaseRequest")]
public sealed record ReleaseRequest
{
    [Id(0)] public string PodNamespace { get; init; } = "";
    [Id(1)] public string PodName { get; init; } = "";
    [Id(2)] public string PodUid { get; init; } = "";
    [Id(3)] public string ContainerId { get; init; } = "";
    [Id(4)] public string? IfName { get; init; }
    [Id(5)] public IReadOnlyList<string> PoolsHint { get; init; } = [];
    /// <summary>
    /// The pod is a valid StatefulSet pod (ordinal within replicas) or a KubeVirt VM pod that will come back: keep its
    /// addresses (spec §3.10, §3.11). Whoever knows the workload (NodeHost with Kubernetes) decides.
    /// </summary>
    [Id(6)] public bool KeepStatic { get; init; }

    /// <summary>The pod's controller ownerReference when known: a KubeVirt VM pod's record is kept under its VMI.</summary>
    [Id(7)] public OwnerReference? Owner { get; init; }

    /// <summary>
    /// Outside Kubernetes: when nothing is recorded under the pod's key for this container, look for the container
    /// (and interface) in what the pools hold on this node for <see cref="NetName"/>, and release that. An ADD made
    /// with another identity (a hand-set K8S_POD_NAMESPACE, podman's lost cache) is still found by its container id.
    /// </summary>
    [Id(8)] public string? SearchNode { get; init; }

    /// <summary>The CNI network name, for <see cref="SearchNode"/>.</summary>
    [Id(9)] public string NetName { get; init; } = "";

    public PodRef Pod => new() { Namespace = PodNamespace, Name = PodName, Uid = PodUid, Owner = Owner };

    public string EffectiveUid => Pod.EffectiveUid(ContainerId);
}
