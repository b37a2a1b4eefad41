using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Spec §3.2.1: which workload a pod belongs to. Only two hops are ever followed, and only for built-in kinds:
/// <c>apps/v1 ReplicaSet</c> → its <c>apps/v1 Deployment</c>, <c>batch/v1 Job</c> → its <c>batch/v1 CronJob</c>.
/// Every other owner (DaemonSet, StatefulSet, KubeVirt VirtualMachineInstance, OpenKruise, other API versions) is the
/// answer as-is; no third-party object is fetched.
/// </summary>
public static class TopControllerResolver
{
    /// <summary>
    /// Resolves from an owner chain given as data: <paramref name="chain"/>[0] is the pod's controller ownerReference,
    /// [1] the controller ownerReference of that owner (when the caller looked it up), and so on. An empty chain is an
    /// orphan pod. The mirror only needs to fill [1] when [0] is a ReplicaSet or a Job.
    /// </summary>
    public static TopController Resolve(string podName, string podUid, IReadOnlyList<OwnerReference> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            return new TopController { ApiVersion = "v1", Kind = "Pod", Name = podName, Uid = podUid };
        }

        var owner = chain[0];
        var parent = chain.Count > 1 ? chain[1] : null;
        if (Is(owner, "apps/v1", "ReplicaSet") && parent is not null && Is(parent, "apps/v1", "Deployment"))
        {
            return From(parent);
        }

        if (Is(owner, "batch/v1", "Job") && parent is not null && Is(parent, "batch/v1", "CronJob"))
        {
            return From(parent);
        }

        return From(owner);
    }

    /// <summary>The pod's top controller: <see cref="PodContext.TopController"/> when filled in, else resolved from its owner alone.</summary>
    public static TopController For(PodContext pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.TopController ?? Resolve(pod.PodName, pod.PodUid, pod.Owner is null ? [] : [pod.Owner]);
    }

    private static bool Is(OwnerReference reference, string apiVersion, string kind) =>
        reference.ApiVersion == apiVersion && reference.Kind == kind;

    private static TopController From(OwnerReference reference) =>
        new() { ApiVersion = reference.ApiVersion, Kind = reference.Kind, Name = reference.Name, Uid = reference.Uid };
}
