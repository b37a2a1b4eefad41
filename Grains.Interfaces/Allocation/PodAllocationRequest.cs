using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// An allocation described by the pod, not by its pools: the allocator selects the pools (annotations, namespace
/// and CNI defaults, cluster defaults, affinities) and keeps StatefulSet and KubeVirt addresses fixed.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PodAllocationRequest")]
public sealed record PodAllocationRequest
{
    [Id(0)] public PodContext Pod { get; init; } = new();
    [Id(1)] public string ContainerId { get; init; } = "";
    /// <summary>The CNI network (configuration <c>name</c>).</summary>
    [Id(2)] public string NetName { get; init; } = "";

    /// <summary>
    /// Static addresses for the pod's CNI_IFNAME, at most one per family (CNI_ARGS <c>IP=</c>, <c>runtimeConfig.ips</c>):
    /// granted when a candidate pool holds the address free (or it is already this interface's), refused otherwise.
    /// </summary>
    [Id(3)] public IReadOnlyList<Addressing.IpAddr> RequestedAddresses { get; init; } = [];
}
