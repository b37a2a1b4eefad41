using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Reserved;
using Spiderpool.Grains.Interfaces.Storage;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Grains.Pools;

/// <summary>
/// A pool as a single writer with group commit. Every request changes the in-memory state synchronously (so the
/// grain can be reentrant without locks: Orleans runs one turn at a time) and then waits for the write that carries
/// its change. While a write is in flight, new changes pile up and go out together in the next write; each caller
/// is answered only when the write holding its change has succeeded. A write sends the pool head (when it changed)
/// and one row per changed address, never the whole pool. If a write fails, memory may be ahead of storage, so the
/// activation fails every waiting caller and deactivates; the next activation reloads what is durable.
/// </summary>
[Reentrant]
internal sealed partial class IPPoolGrain(IPoolStore store, [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time, ILogger<IPPoolGrain> logger) : Grain, IIPPoolGrain
{
    private readonly PoolLedger ledger = new();

    private string name = "";
    private long version;
    private PoolHead? head;
    private ParsedPoolSpec? parsed;
    private IpRangeSet reserved = IpRangeSet.Empty;
    private bool headDirty;
    private GroupCommit? commits;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        name = this.GetPrimaryKeyString();
        commits = new GroupCommit(WriteChangesAsync, OnWriteFailed, ex =>
            new PoolUnavailableException($"pool '{name}': a write failed ({ex.Message}); the outcome is unknown, retry"));
        PoolSnapshot? snapshot;
        try
        {
            snapshot = await store.LoadAsync(name, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The activation fails and its callers get this; a driver's own exception could not cross to them.
            throw StorageUnavailableException.From($"pool '{name}': loading it from storage failed; retry", ex);
        }

        if (snapshot is null)
        {
            return;
        }

        version = snapshot.Version;
        head = PoolIndexEntries.ParseHead(name, snapshot.HeadJson);
        ledger.Load(snapshot.Held);

        if (!PoolSpecValidator.TryParse(head.Spec, out parsed, out var error))
        {
            // A spec stored by an older version that this one rejects: keep serving releases, refuse allocations.
            LogStoredSpecInvalid(name, error);
        }

        if (!IpRangeParser.TryParseList(head.Reserved, parsed?.Family, out reserved, out error))
        {
            LogStoredSpecInvalid(name, error);
            reserved = IpRangeSet.Empty;
        }

        SetRanges();
        LogActivated(name, ledger.HeldCount, version);
    }

    public async Task<SetSpecResult> SetSpecAsync(PoolSpec spec)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(spec);
        if (head?.Terminating == true)
        {
            return SetSpecResult.Rejected($"pool '{name}' is being deleted; its spec cannot change");
        }

        if (!PoolSpecValidator.TryParse(spec, out var next, out var error))
        {
            return SetSpecResult.Rejected($"pool '{name}': {error}");
        }

        if (parsed is not null)
        {
            if (next!.Family != parsed.Family)
            {
                return SetSpecResult.Rejected($"pool '{name}': spec.ipVersion is immutable (is {(int)parsed.Family}, asked {(int)next.Family})");
            }

            if (next.Subnet != parsed.Subnet)
            {
                return SetSpecResult.Rejected($"pool '{name}': spec.subnet is immutable (is '{parsed.Subnet}', asked '{next.Subnet}'); create a new pool instead");
            }
        }

        // A new pool learns the reserved addresses of its family from the registry (SpiderReservedIP); an existing
        // one keeps what the registry last pushed to it.
        var reservedRanges = head?.Reserved ?? await GrainFactory.GetGrain<IReservedIpGrain>(IReservedIpGrain.Key).GetRangesAsync((int)next!.Family);
        if (!IpRangeParser.TryParseList(reservedRanges, next!.Family, out var nextReserved, out _))
        {
            nextReserved = IpRangeSet.Empty;
        }

        parsed = next;
        reserved = nextReserved;
        head = (head ?? new PoolHead()) with { Spec = spec with { IpVersion = (int)next.Family }, Reserved = nextReserved.ToStrings() };
        headDirty = true;
        var outside = SetRanges();
        await CommitAsync();
        await PublishToIndexAsync();
        return new SetSpecResult { Accepted = true, HeldOutsideSpec = outside, TotalIpCount = Saturate(parsed.Usable.Count) };
    }

    public async Task<SetSpecResult> SetReservedAsync(IReadOnlyList<string> reservedRanges)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(reservedRanges);
        if (head is null || parsed is null)
        {
            return SetSpecResult.Rejected($"pool '{name}' has no spec; set one before reserving addresses in it");
        }

        // Reserved ranges apply to every pool of the family and may reach outside this pool's subnet: only the
        // family is checked (spec §1.3).
        if (!IpRangeParser.TryParseList(reservedRanges, parsed.Family, out var nextReserved, out var error))
        {
            return SetSpecResult.Rejected($"reserved IPs for pool '{name}': {error}");
        }

        reserved = nextReserved;
        head = head with { Reserved = nextReserved.ToStrings() };
        headDirty = true;
        var outside = SetRanges();
        await CommitAsync();
        return new SetSpecResult { Accepted = true, HeldOutsideSpec = outside, TotalIpCount = Saturate(parsed.Usable.Count) };
    }

    public async Task<PoolAllocateResult> AllocateAsync(AddressHolder holder)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(holder);
        if (Unusable() is { } unusable)
        {
            return unusable;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (ledger.Renew(holder, now) is { } existing)
        {
            // A repeated request: the renewed grace period is made durable, so a sweep that began before this answer
            // cannot free an address that is about to be recorded.
            await CommitAsync();
            return Granted(existing, reused: true);
        }

        if (ClosedToNew() is { } closed)
        {
            return closed;
        }

        if (ledger.Take(holder, now) is not { } address)
        {
            return Refused(PoolAllocateOutcome.Exhausted,
                $"is exhausted: {ledger.HeldCount} addresses held, {Saturate(parsed!.Usable.Count)} usable in spec.ips minus spec.excludeIPs, {Saturate(reserved.Count)} reserved");
        }

        await CommitAsync();
        return Granted(address, reused: false);
    }

    public async Task<PoolAllocateResult> AllocateAddressAsync(AddressHolder holder, IpAddr address)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(holder);
        if (Unusable() is { } unusable)
        {
            return unusable;
        }

        if (!parsed!.Subnet.Contains(address))
        {
            return Refused(PoolAllocateOutcome.NotInPool, $"does not contain {address} (subnet {parsed.Subnet})");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (ledger.Renew(holder, now) is { } existing)
        {
            await CommitAsync();
            return existing == address
                ? Granted(existing, reused: true)
                : Refused(PoolAllocateOutcome.AddressUnavailable, $"already gives {existing} to this interface, not {address}; DEL it first");
        }

        if (ClosedToNew() is { } closed)
        {
            return closed;
        }

        var take = ledger.TakeAddress(holder, address, now);
        if (!take.Taken)
        {
            return Refused(PoolAllocateOutcome.AddressUnavailable, $"cannot give {address}: it {take.Reason}");
        }

        await CommitAsync();
        return Granted(address, reused: false);
    }

    /// <summary>A refusal when the pool has no spec it can allocate from; null otherwise.</summary>
    private PoolAllocateResult? Unusable() => head is null || parsed is null
        ? Refused(PoolAllocateOutcome.NotFound, head is null ? "does not exist" : "has a spec this version cannot use; fix the SpiderIPPool")
        : null;

    /// <summary>A refusal when the pool takes no new holders (being deleted, or disabled); what is held is still answered.</summary>
    private PoolAllocateResult? ClosedToNew() =>
        head!.Terminating ? Refused(PoolAllocateOutcome.Terminating, "is being deleted")
        : head.Spec.Disable ? Refused(PoolAllocateOutcome.Disabled, "is disabled (spec.disable: true)")
        : null;

    public async Task<PoolReleaseResult> ReleaseAsync(IReadOnlyList<PoolRelease> releases)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(releases);
        List<IpAddr> released = [], notHeld = [], heldByOther = [];
        foreach (var release in releases)
        {
            var list = ledger.Release(release.Address, release.PodUid) switch
            {
                LedgerRelease.Released => released,
                LedgerRelease.HeldByOther => heldByOther,
                _ => notHeld,
            };
            list.Add(release.Address);
        }

        if (released.Count > 0)
        {
            await CommitAsync();
            await FinishDeletionIfEmptyAsync();
        }

        return new PoolReleaseResult(released, notHeld, heldByOther);
    }

    public async Task<PoolReleaseResult> ReleaseHolderAsync(string podUid, string ifName)
    {
        ThrowIfBroken();
        if (ledger.ReleaseHolder(podUid, ifName) is not { } address)
        {
            return new PoolReleaseResult([], [], []);
        }

        await CommitAsync();
        await FinishDeletionIfEmptyAsync();
        return new PoolReleaseResult([address], [], []);
    }

    public Task QuarantineAsync(IpAddr address, TimeSpan duration)
    {
        ThrowIfBroken();
        ledger.Quarantine(address, time.GetUtcNow().Add(duration).ToUnixTimeMilliseconds());
        LogQuarantined(name, address, duration);
        return Task.CompletedTask;
    }

    public async Task<bool> RepointAsync(IpAddr address, string fromUid, AddressHolder to)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(to);
        if (!ledger.Repoint(address, fromUid, to, time.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            return false;
        }

        await CommitAsync();
        return true;
    }

    public Task<PoolStatus> GetStatusAsync() => Task.FromResult(new PoolStatus
    {
        Name = name,
        Spec = head?.Spec,
        TotalIpCount = parsed is null ? 0 : Saturate(parsed.Usable.Count),
        AllocatedIpCount = ledger.HeldCount,
        FreeIpCount = head?.Spec.Disable == true ? 0 : Saturate(ledger.FreeCount),
        Reserved = head?.Reserved ?? [],
        Terminating = head?.Terminating ?? false,
    });

    public Task<IReadOnlyList<PoolHolding>> GetHoldingsAsync() => Task.FromResult(ledger.Holdings());

    public Task<IReadOnlyList<PoolHolding>> GetNodeHoldingsAsync(string node, string netName) =>
        Task.FromResult(ledger.Holdings(h => h.Node == node && h.NetName == netName));

    public async Task<SweepResult> SweepAsync(TimeSpan grace)
    {
        ThrowIfBroken();
        var cutoff = time.GetUtcNow().Subtract(grace).ToUnixTimeMilliseconds();
        var candidates = ledger.HeldBefore(cutoff);

        var orphans = new List<(IpAddr Address, Holding Holding)>();
        foreach (var pod in candidates.GroupBy(c => c.Holding.Holder.PodKey).Chunk(32))
        {
            var checks = pod.Select(async group =>
            {
                var list = group.ToList();
                var references = list.Select(c => new HeldReference(name, c.Address, c.Holding.Holder.PodUid)).ToList();
                var referenced = await GrainFactory.GetGrain<IWorkloadGrain>(group.Key).VerifyAsync(references);
                return list.Where((_, i) => !referenced[i]);
            });
            foreach (var unreferenced in await Task.WhenAll(checks))
            {
                orphans.AddRange(unreferenced);
            }
        }

        var released = new List<IpAddr>();
        foreach (var (address, seen) in orphans)
        {
            // Other turns ran while the workloads answered: free only what is still exactly as examined.
            if (ledger.FreeIfUnchanged(address, seen))
            {
                released.Add(address);
                LogSweptOrphan(name, address.ToString(), seen.Holder.PodKey, seen.Holder.PodUid, seen.Holder.IfName);
            }
        }

        if (released.Count > 0)
        {
            await CommitAsync();
            await FinishDeletionIfEmptyAsync();
        }

        return new SweepResult(candidates.Count, released);
    }

    public async Task<PoolDeleteResult> DeleteAsync()
    {
        ThrowIfBroken();
        if (head is null)
        {
            return new PoolDeleteResult(Deleted: true, StillHeld: 0);
        }

        if (!head.Terminating)
        {
            head = head with { Terminating = true };
            headDirty = true;
            await CommitAsync();
            await PublishToIndexAsync();
        }

        return await FinishDeletionIfEmptyAsync()
            ? new PoolDeleteResult(Deleted: true, StillHeld: 0)
            : new PoolDeleteResult(Deleted: false, StillHeld: ledger.HeldCount);
    }

    private async Task<bool> FinishDeletionIfEmptyAsync()
    {
        if (head is not { Terminating: true } || ledger.HeldCount > 0)
        {
            return head is null;
        }

        // Let writes already queued land first; a terminating, empty pool takes no new changes.
        while (commits!.Busy)
        {
            await CommitAsync();
        }

        if (head is null)
        {
            return true;
        }

        try
        {
            await store.DeleteAsync(name, version);
        }
        catch (Exception ex)
        {
            OnWriteFailed(ex);
            throw new PoolUnavailableException($"pool '{name}': deleting from storage failed ({ex.Message}); retry");
        }

        LogDeleted(name);
        head = null;
        await PublishToIndexAsync();
        parsed = null;
        version = 0;
        SetRanges();
        DeactivateOnIdle();
        return true;
    }

    /// <summary>
    /// Tells the pool index about this pool's current spec (or that it is gone). Best effort: the index re-reads
    /// every pool head at intervals, so a lost update heals.
    /// </summary>
    private async Task PublishToIndexAsync()
    {
        try
        {
            var index = GrainFactory.GetGrain<IPoolIndexGrain>(IPoolIndexGrain.Key);
            await (head is null ? index.RemoveAsync(name) : index.UpsertAsync(PoolIndexEntries.From(name, head)));
        }
        catch (Exception ex)
        {
            LogIndexUpdateFailed(name, ex.Message);
        }
    }

    /// <summary>Gives the ledger the current ranges; returns the held addresses now outside them.</summary>
    private IReadOnlyList<IpAddr> SetRanges() =>
        parsed is null ? ledger.SetRanges(null, IpRangeSet.Empty, IpRangeSet.Empty) : ledger.SetRanges(parsed.Family, parsed.Usable, reserved);

    private PoolAllocateResult Granted(IpAddr address, bool reused) => new()
    {
        Outcome = PoolAllocateOutcome.Allocated,
        Address = address,
        Family = parsed!.Family,
        PrefixLength = parsed.Subnet.PrefixLength,
        Gateway = parsed.Gateway?.ToString(),
        Routes = parsed.Spec.Routes,
        Reused = reused,
    };

    private PoolAllocateResult Refused(PoolAllocateOutcome outcome, string message) => new()
    {
        Outcome = outcome,
        Family = parsed?.Family ?? default,
        Message = message,
    };

    private static long Saturate(BigInteger count) => count > long.MaxValue ? long.MaxValue : (long)count;

    private void ThrowIfBroken()
    {
        if (commits?.Broken is { } broken)
        {
            throw new PoolUnavailableException($"pool '{name}': this activation lost its storage ({broken.Message}) and is being replaced; retry");
        }
    }

    /// <summary>Returns a task that completes when the changes made so far are durable.</summary>
    private Task CommitAsync() => commits!.CommitAsync();

    private async Task WriteChangesAsync()
    {
        var write = TakeWrite();
        if (!write.IsEmpty)
        {
            version = await store.WriteAsync(name, version, write);
        }
    }

    private PoolWrite TakeWrite()
    {
        var (upserts, removals) = ledger.TakeChanges();
        string? headJson = null;
        if (headDirty && head is not null)
        {
            headJson = JsonSerializer.Serialize(head, PoolIndexEntries.HeadJson);
        }

        headDirty = false;
        return new PoolWrite(headJson, upserts, removals);
    }

    private void OnWriteFailed(Exception ex)
    {
        LogWriteFailed(name, version, ex);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool} activated with {Held} held addresses at version {Version}")]
    private partial void LogActivated(string pool, int held, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pool {Pool} has a stored spec this version rejects: {Error}")]
    private partial void LogStoredSpecInvalid(string pool, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: write at version {Version} failed; failing waiting callers and deactivating")]
    private partial void LogWriteFailed(string pool, long version, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: freed {Address} held for {PodKey} (uid {PodUid}, {IfName}) that no workload record references")]
    private partial void LogSweptOrphan(string pool, string address, string podKey, string podUid, string ifName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: updating the pool index failed (it heals on its next refresh): {Error}")]
    private partial void LogIndexUpdateFailed(string pool, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: {Address} answered by someone outside the pool; not handed out for {Duration}")]
    private partial void LogQuarantined(string pool, IpAddr address, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool} deleted")]
    private partial void LogDeleted(string pool);
}
