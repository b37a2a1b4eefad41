using System.Collections.ObjectModel;

namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// Everything pool selection reads about one CNI ADD (spec §3.2–§3.5): the pod, its namespace and node, the interface
/// being configured and the CNI configuration's <c>ipam</c> defaults. NodeHost fills it from the CNI call and the
/// Kubernetes mirror; the policy never looks anything up itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PodContext")]
public sealed record PodContext
{
    [Id(0)] public string PodNamespace { get; init; } = "";
    [Id(1)] public string PodName { get; init; } = "";
    [Id(2)] public string PodUid { get; init; } = "";
    [Id(3)] public IReadOnlyDictionary<string, string> PodLabels { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    [Id(4)] public IReadOnlyDictionary<string, string> PodAnnotations { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The pod's controller ownerReference; null for an orphan pod.</summary>
    [Id(5)] public OwnerReference? Owner { get; init; }

    /// <summary>
    /// The resolved top controller (see <c>TopControllerResolver</c>). When null, selection resolves it from
    /// <see cref="Owner"/> alone, which cannot see a ReplicaSet's Deployment or a Job's CronJob.
    /// </summary>
    [Id(6)] public TopController? TopController { get; init; }

    /// <summary><c>spec.replicas</c> of the pod's StatefulSet; null when the pod is no StatefulSet pod or the StatefulSet is gone.</summary>
    [Id(7)] public int? StatefulSetReplicas { get; init; }

    /// <summary><c>spec.ordinals.start</c> of the pod's StatefulSet; null when unset (ordinals start at 0).</summary>
    [Id(8)] public int? StatefulSetOrdinalsStart { get; init; }

    [Id(9)] public IReadOnlyDictionary<string, string> NamespaceLabels { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    [Id(10)] public IReadOnlyDictionary<string, string> NamespaceAnnotations { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    [Id(11)] public string NodeName { get; init; } = "";
    [Id(12)] public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary><c>CNI_IFNAME</c>: the interface this ADD configures.</summary>
    [Id(13)] public string IfName { get; init; } = "";

    /// <summary>
    /// The NetworkAttachmentDefinition (<c>namespace/name</c>) this interface was attached through, when the caller knows
    /// it; it then wins over what the Multus annotations say for this interface. Empty when unknown.
    /// </summary>
    [Id(14)] public string Network { get; init; } = "";

    [Id(15)] public CniIpamConfig Ipam { get; init; } = new();

    /// <summary>
    /// The pod's identity (<see cref="Allocation.PodRef"/>). Without <see cref="Owner"/>, a third-party top controller
    /// stands in for it: it resolves to the owner itself (spec §3.2.1).
    /// </summary>
    public Allocation.PodRef Ref => new()
    {
        Namespace = PodNamespace,
        Name = PodName,
        Uid = PodUid,
        Owner = Owner ?? (TopController is { } top ? new OwnerReference { ApiVersion = top.ApiVersion, Kind = top.Kind, Name = top.Name, Uid = top.Uid } : null),
    };
}
