using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// Entry point of allocation and release (a stateless, reentrant worker; use key 0). It coordinates the pool grains
/// and the workload grain without Orleans transactions: reservations carry the pod uid and interface, a partial
/// failure releases what was taken, and the result is recorded on the workload grain before it is returned.
/// </summary>
[Alias("spiderpool.IAllocatorGrain")]
public interface IAllocatorGrain : IGrainWithIntegerKey
{
    [Alias("Allocate")]
    Task<AllocationResult> AllocateAsync(AllocationRequest request);

    /// <summary>Selects the pod's pools (spec §3.3–3.5), keeps fixed addresses fixed, then allocates as <see cref="AllocateAsync"/>.</summary>
    [Alias("AllocatePod")]
    Task<AllocationResult> AllocatePodAsync(PodAllocationRequest request);

    [Alias("Release")]
    Task<ReleaseResult> ReleaseAsync(ReleaseRequest request);

    /// <summary>The pod's record (SpiderEndpoint), found by the same rule ADD and DEL use; null when there is none.</summary>
    [Alias("GetEndpoint")]
    Task<WorkloadRecord?> GetEndpointAsync(PodRef pod);

    /// <summary>
    /// CNI GC (<see cref="NodeGcRequest"/>), from what is durable: the pools' rows say which addresses are held on the
    /// node for the network. Each stale container is released as its DEL would. Reservations no record references
    /// yet are the consistency sweep's (an ADD may be under way for a container the runtime listed a moment ago).
    /// </summary>
    [Alias("CollectGarbage")]
    Task<ReleaseResult> CollectGarbageAsync(NodeGcRequest request);

    /// <summary>
    /// Keeps an address that someone outside the pool answered for (an ARP/NDP conflict) out of circulation for
    /// <paramref name="duration"/>, so the pod's retry gets another one. Release it separately.
    /// </summary>
    [Alias("Quarantine")]
    Task QuarantineAsync(NicAddress address, TimeSpan duration);
}
