using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// Who a CNI call is for, and the one rule that turns that into the workload record's key and the uid addresses are
/// held under. ADD, DEL, CHECK, GC and NodeHost all go through it, so they cannot disagree: a KubeVirt VM pod is
/// recorded under its VMI (the VM keeps its addresses across pods and migrations, spec §3.11), so its DEL and
/// CHECK must look there too, not under the pod's name.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PodRef")]
public sealed record PodRef
{
    [Id(0)] public string Namespace { get; init; } = "";
    [Id(1)] public string Name { get; init; } = "";

    /// <summary><c>K8S_POD_UID</c>; empty outside Kubernetes.</summary>
    [Id(2)] public string Uid { get; init; } = "";

    /// <summary>The pod's controller ownerReference, when the caller knows it (NodeHost with Kubernetes).</summary>
    [Id(3)] public OwnerReference? Owner { get; init; }

    /// <summary>The VMI that controls the pod, when KubeVirt fixed addresses are on (<c>enableKubevirtStaticIP</c>).</summary>
    public string? VmiName(bool kubevirtStaticIp) =>
        kubevirtStaticIp && Owner is { ApiVersion: "kubevirt.io/v1", Kind: "VirtualMachineInstance", Name.Length: > 0 } vmi ? vmi.Name : null;

    /// <summary>The SpiderEndpoint name: the VMI's for a KubeVirt VM pod, else the pod's.</summary>
    public string EndpointName(bool kubevirtStaticIp) => VmiName(kubevirtStaticIp) ?? Name;

    /// <summary>The workload grain's key, <c>namespace/endpoint name</c>.</summary>
    public string WorkloadKey(bool kubevirtStaticIp) => $"{Namespace}/{EndpointName(kubevirtStaticIp)}";

    /// <summary>The uid addresses are held under: the pod's, or the container id where there is none.</summary>
    public string EffectiveUid(string containerId) => string.IsNullOrEmpty(Uid) ? containerId : Uid;
}
