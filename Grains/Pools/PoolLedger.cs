using Spiderpool.Grains.Allocation;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Grains.Pools;

/// <summary>
/// A pool's address bookkeeping, with no Orleans in it: who holds which address, the free list (lowest first, as
/// Spiderpool hands them out), addresses in quarantine, and which addresses changed since the last write. The pool
/// grain owns one and adds activation, group commit and publishing. Time comes in as Unix milliseconds.
/// </summary>
/// <remarks>
/// Allocatable addresses are <c>spec.ips − spec.excludeIPs − reserved</c>. An address held outside them (the spec
/// shrank, or a reservation arrived, under it) stays with its holder and never returns to the free list; an address
/// in quarantine returns only once its time is up.
/// </remarks>
internal sealed class PoolLedger
{
    private readonly Dictionary<IpAddr, Holding> held = [];
    private readonly Dictionary<(string PodUid, string IfName), IpAddr> byOwner = [];
    private readonly HashSet<IpAddr> dirty = [];
    private readonly Dictionary<IpAddr, long> quarantined = [];
    private IpFamily? family;
    private IpRangeSet allocatable = IpRangeSet.Empty;
    private FreeAddressList? free;

    public int HeldCount => held.Count;

    /// <summary>Free addresses; 0 until <see cref="SetRanges"/> gave the ledger a range.</summary>
    public System.Numerics.BigInteger FreeCount => free?.Count ?? 0;

    /// <summary>True when addresses changed since the last <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => dirty.Count > 0;

    /// <summary>Takes stored rows as they are (an activation); call <see cref="SetRanges"/> after.</summary>
    public void Load(IEnumerable<HeldAddress> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            var holder = new AddressHolder(row.PodKey, row.PodUid, row.ContainerId, row.IfName, row.Node, row.NetName);
            held[row.Address] = new Holding(holder, row.StampUnixMs);
            byOwner[(row.PodUid, row.IfName)] = row.Address;
        }
    }

    /// <summary>
    /// The addresses this pool may hand out (<paramref name="usable"/> = ips − excludeIPs of <paramref name="poolFamily"/>)
    /// and the reserved ones; null <paramref name="poolFamily"/> when the pool has no usable spec (nothing is handed out).
    /// Returns the held addresses that are now outside the allocatable set, in order.
    /// </summary>
    public IReadOnlyList<IpAddr> SetRanges(IpFamily? poolFamily, IpRangeSet usable, IpRangeSet reserved)
    {
        ArgumentNullException.ThrowIfNull(usable);
        ArgumentNullException.ThrowIfNull(reserved);
        family = poolFamily;
        if (poolFamily is not { } f)
        {
            allocatable = IpRangeSet.Empty;
            free = null;
            return [];
        }

        allocatable = usable.Except(reserved);
        var used = IpRangeSet.FromAddresses(held.Keys.Concat(quarantined.Keys).Where(a => a.Family == f));
        free = new FreeAddressList(f, allocatable.Except(used));
        return held.Keys.Where(a => !allocatable.Contains(a)).Order().ToList();
    }

    /// <summary>The address <paramref name="holder"/> holds (its interface's), with a restarted grace period; null when none.</summary>
    public IpAddr? Renew(AddressHolder holder, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (!byOwner.TryGetValue((holder.PodUid, holder.IfName), out var existing))
        {
            return null;
        }

        // A repeated request (kubelet's retry, or a retry after a crash): the holder's details may have moved on
        // (a new container id, another node), and the grace period restarts so a sweep cannot free it meanwhile.
        held[existing] = new Holding(holder, nowUnixMs);
        dirty.Add(existing);
        return existing;
    }

    /// <summary>Hands the lowest free address to <paramref name="holder"/>; null when none is free.</summary>
    public IpAddr? Take(AddressHolder holder, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ReturnExpiredQuarantine(nowUnixMs);
        if (free is null || !free.TryTakeLowest(out var address))
        {
            return null;
        }

        held[address] = new Holding(holder, nowUnixMs);
        byOwner[(holder.PodUid, holder.IfName)] = address;
        dirty.Add(address);
        return address;
    }

    /// <summary>
    /// Hands exactly <paramref name="address"/> to <paramref name="holder"/> if it is free; otherwise says why not.
    /// The caller has already given a holder its existing address back (<see cref="Renew"/>).
    /// </summary>
    public ExactTake TakeAddress(AddressHolder holder, IpAddr address, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ReturnExpiredQuarantine(nowUnixMs);
        if (held.TryGetValue(address, out var holding))
        {
            return new ExactTake(false, $"is held by {holding.Holder.PodKey} (container {holding.Holder.ContainerId}, interface {holding.Holder.IfName})");
        }

        if (quarantined.ContainsKey(address))
        {
            return new ExactTake(false, "is in quarantine after an address conflict");
        }

        if (!allocatable.Contains(address) || free is null || !free.Remove(address))
        {
            return new ExactTake(false, "is not allocatable: outside spec.ips, in spec.excludeIPs or reserved");
        }

        held[address] = new Holding(holder, nowUnixMs);
        byOwner[(holder.PodUid, holder.IfName)] = address;
        dirty.Add(address);
        return new ExactTake(true, "");
    }

    /// <summary>Frees <paramref name="address"/> if <paramref name="podUid"/> holds it (spec §3.7: keyed by address and uid).</summary>
    public LedgerRelease Release(IpAddr address, string podUid)
    {
        if (!held.TryGetValue(address, out var holding))
        {
            return LedgerRelease.NotHeld;
        }

        if (holding.Holder.PodUid != podUid)
        {
            return LedgerRelease.HeldByOther;
        }

        Free(address, holding);
        return LedgerRelease.Released;
    }

    /// <summary>Frees what (<paramref name="podUid"/>, <paramref name="ifName"/>) holds; null when nothing.</summary>
    public IpAddr? ReleaseHolder(string podUid, string ifName)
    {
        if (!byOwner.TryGetValue((podUid, ifName), out var address))
        {
            return null;
        }

        Free(address, held[address]);
        return address;
    }

    /// <summary>Keeps <paramref name="address"/> out of circulation until <paramref name="untilUnixMs"/> (an ARP/NDP conflict).</summary>
    public void Quarantine(IpAddr address, long untilUnixMs)
    {
        quarantined[address] = untilUnixMs;
        free?.Remove(address);
    }

    /// <summary>
    /// Gives <paramref name="address"/> to <paramref name="to"/> if <paramref name="fromUid"/> (or already
    /// <paramref name="to"/>) holds it, or if it is free (its record went missing; upstream leaves it missing, spec §9
    /// #17). False when someone else holds it.
    /// </summary>
    public bool Repoint(IpAddr address, string fromUid, AddressHolder to, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (held.TryGetValue(address, out var holding))
        {
            if (holding.Holder.PodUid != fromUid && holding.Holder.PodUid != to.PodUid)
            {
                return false;
            }

            var oldKey = (holding.Holder.PodUid, holding.Holder.IfName);
            if (byOwner.TryGetValue(oldKey, out var owned) && owned == address)
            {
                byOwner.Remove(oldKey);
            }
        }
        else if (free is null || !free.Remove(address))
        {
            return false;
        }

        held[address] = new Holding(to, nowUnixMs);
        byOwner[(to.PodUid, to.IfName)] = address;
        dirty.Add(address);
        return true;
    }

    /// <summary>Addresses last handed out before <paramref name="cutoffUnixMs"/>, with their holding as examined.</summary>
    public IReadOnlyList<(IpAddr Address, Holding Holding)> HeldBefore(long cutoffUnixMs) =>
        held.Where(pair => pair.Value.StampUnixMs < cutoffUnixMs).Select(pair => (pair.Key, pair.Value)).ToList();

    /// <summary>Frees <paramref name="address"/> only if it is still exactly <paramref name="seen"/> (other turns ran meanwhile).</summary>
    public bool FreeIfUnchanged(IpAddr address, Holding seen)
    {
        if (!held.TryGetValue(address, out var now) || now != seen)
        {
            return false;
        }

        Free(address, now);
        return true;
    }

    public IReadOnlyList<PoolHolding> Holdings(Func<AddressHolder, bool>? where = null) =>
        held.Where(pair => where is null || where(pair.Value.Holder))
            .OrderBy(pair => pair.Key)
            .Select(pair => new PoolHolding(pair.Key, pair.Value.Holder, DateTimeOffset.FromUnixTimeMilliseconds(pair.Value.StampUnixMs)))
            .ToList();

    /// <summary>The rows a write must carry: every address changed since the last call, upserted or removed.</summary>
    public (IReadOnlyList<HeldAddress> Upserts, IReadOnlyList<IpAddr> Removals) TakeChanges()
    {
        var upserts = new List<HeldAddress>();
        var removals = new List<IpAddr>();
        foreach (var address in dirty)
        {
            if (held.TryGetValue(address, out var holding))
            {
                var h = holding.Holder;
                upserts.Add(new HeldAddress(address, h.PodKey, h.PodUid, h.ContainerId, h.IfName, holding.StampUnixMs, h.Node, h.NetName));
            }
            else
            {
                removals.Add(address);
            }
        }

        dirty.Clear();
        return (upserts, removals);
    }

    private void ReturnExpiredQuarantine(long nowUnixMs)
    {
        if (quarantined.Count == 0)
        {
            return;
        }

        foreach (var (address, _) in quarantined.Where(q => q.Value <= nowUnixMs).ToList())
        {
            quarantined.Remove(address);
            if (!held.ContainsKey(address) && allocatable.Contains(address))
            {
                free?.Add(address);
            }
        }
    }

    private void Free(IpAddr address, Holding holding)
    {
        held.Remove(address);
        var key = (holding.Holder.PodUid, holding.Holder.IfName);
        if (byOwner.TryGetValue(key, out var owned) && owned == address)
        {
            byOwner.Remove(key);
        }

        if (allocatable.Contains(address) && !quarantined.ContainsKey(address) && address.Family == family)
        {
            free?.Add(address);
        }

        dirty.Add(address);
    }
}

/// <summary>The answer of <see cref="PoolLedger.TakeAddress"/>: taken, or why not ("is held by ...").</summary>
internal readonly record struct ExactTake(bool Taken, string Reason);
