namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// One IP pool (SpiderIPPool). Key: the pool name. A single writer: every change is applied in memory and answered
/// only after it is durable; changes arriving during a write are committed together with the next one.
/// </summary>
[Alias("spiderpool.IIPPoolGrain")]
public interface IIPPoolGrain : IGrainWithStringKey
{
    /// <summary>Creates the pool or changes its spec. <c>ipVersion</c> and <c>subnet</c> are immutable once set.</summary>
    [Alias("SetSpec")]
    Task<SetSpecResult> SetSpecAsync(PoolSpec spec);

    /// <summary>Replaces the reserved ranges (SpiderReservedIP of the pool's family) that apply to this pool.</summary>
    [Alias("SetReserved")]
    Task<SetSpecResult> SetReservedAsync(IReadOnlyList<string> reservedRanges);

    /// <summary>
    /// Holds the lowest free address in <c>ips</c> order for <paramref name="holder"/>, or returns the one it already
    /// holds for the same (pod uid, interface). Exhausted, disabled and unknown pools are outcomes, not exceptions.
    /// </summary>
    [Alias("Allocate")]
    Task<PoolAllocateResult> AllocateAsync(AddressHolder holder);

    /// <summary>
    /// Holds exactly <paramref name="address"/> for <paramref name="holder"/> (a static address request), or answers
    /// why not: not in this pool's subnet, or in it but held by another, reserved, excluded or quarantined. A holder
    /// that already holds it gets it again; one that holds another address of this pool is refused.
    /// </summary>
    [Alias("AllocateAddress")]
    Task<PoolAllocateResult> AllocateAddressAsync(AddressHolder holder, Addressing.IpAddr address);

    /// <summary>Releases addresses matched on (address, pod uid); releasing what is not held succeeds.</summary>
    [Alias("Release")]
    Task<PoolReleaseResult> ReleaseAsync(IReadOnlyList<PoolRelease> releases);

    /// <summary>Releases whatever this pool holds for (pod uid, interface): compensation when the address is unknown.</summary>
    [Alias("ReleaseHolder")]
    Task<PoolReleaseResult> ReleaseHolderAsync(string podUid, string ifName);

    /// <summary>
    /// Hands a held address from pod uid <paramref name="fromUid"/> to <paramref name="to"/> (a re-created StatefulSet or
    /// KubeVirt pod keeps its address). An address nobody holds is taken for <paramref name="to"/> if it is still
    /// allocatable; one held by anybody else is refused (false): the caller allocates anew.
    /// </summary>
    [Alias("Repoint")]
    Task<bool> RepointAsync(Addressing.IpAddr address, string fromUid, AddressHolder to);

    /// <summary>
    /// Keeps <paramref name="address"/> out of circulation for <paramref name="duration"/> (someone outside the pool
    /// answers for it on the link). It stays with its holder if held; once released, it is not handed out until the
    /// time is up, so the pod's retry gets another address. Kept in memory: a restarted pool forgets it.
    /// </summary>
    [Alias("Quarantine")]
    Task QuarantineAsync(Addressing.IpAddr address, TimeSpan duration);

    [Alias("GetStatus")]
    Task<PoolStatus> GetStatusAsync();

    [Alias("GetHoldings")]
    Task<IReadOnlyList<PoolHolding>> GetHoldingsAsync();

    /// <summary>The addresses held on <paramref name="node"/> for CNI network <paramref name="netName"/> (CNI GC).</summary>
    [Alias("GetNodeHoldings")]
    Task<IReadOnlyList<PoolHolding>> GetNodeHoldingsAsync(string node, string netName);

    /// <summary>
    /// Frees addresses held longer than <paramref name="grace"/> that no workload record references (left by a crash
    /// between reserving and recording). The grace must exceed the allocator's request deadline.
    /// </summary>
    [Alias("Sweep")]
    Task<SweepResult> SweepAsync(TimeSpan grace);

    /// <summary>Deletes the pool if it holds nothing; otherwise marks it terminating (no new allocations).</summary>
    [Alias("Delete")]
    Task<PoolDeleteResult> DeleteAsync();
}
