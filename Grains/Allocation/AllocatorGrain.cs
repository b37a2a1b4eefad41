using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Grains.Pools;
using Spiderpool.Grains.Selection;

namespace Spiderpool.Grains.Allocation;

/// <summary>
/// Allocation for one pod across pools without distributed transactions (measured: they collapse under contention).
/// Order of steps, and what a crash after each leaves:
/// 1. read the workload record — a repeated request is answered from it;
/// 2. reserve each (interface, family) from its first candidate with a free address, all in parallel — a crash
///    leaves reservations under (pod uid, interface) that the retry gets back from the pools (they are idempotent)
///    or that the sweep frees once no workload references them;
/// 3. if any slot got nothing, release what was reserved (nothing is recorded yet, so this is safe) and report why;
/// 4. record everything on the workload grain, durably, before a deadline — once this call is made its outcome is
///    the workload's to decide: on an unknown outcome nothing is released here (the retry or the sweep settles it).
/// </summary>
[StatelessWorker, Reentrant]
internal sealed partial class AllocatorGrain(
    IOptions<AllocatorOptions> options,
    IOptions<SelectionSettings> ipam,
    PoolIndexCache poolIndex,
    [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time,
    ILogger<AllocatorGrain> logger)
    : Grain, IAllocatorGrain
{
    private readonly AllocatorOptions settings = options.Value;

    public async Task<AllocationResult> AllocateAsync(AllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestValidator.Validate(request) is { } invalid)
        {
            return new AllocationResult { Outcome = AllocationOutcome.InvalidRequest, Message = invalid };
        }

        var read = await ReadRecordAsync(request.PodKey);
        return read.Failed is { } failed ? failed : await AllocateCoreAsync(request, [], read.Record);
    }

    /// <summary>
    /// Spec §3.2 in its order: what is recorded for the pod (steps 4–5: a repeated ADD, a StatefulSet or KubeVirt pod
    /// re-created under a new uid) is retrieved before candidate filtering (step 7), which governs new allocations
    /// only. So a StatefulSet pod re-created on another node keeps its address although its pool is pinned to the old
    /// node, and a repeated ADD after the pool was disabled gets the address already recorded for it.
    /// </summary>
    public async Task<AllocationResult> AllocatePodAsync(PodAllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pod = request.Pod;
        var selectionSettings = ipam.Value;
        var core = new AllocationRequest
        {
            PodNamespace = pod.PodNamespace,
            // KubeVirt: the record is keyed by the VMI, so a migration target pod finds the VM's addresses.
            PodName = pod.Ref.EndpointName(selectionSettings.EnableKubevirtStaticIp),
            PodUid = pod.PodUid,
            ContainerId = request.ContainerId,
            Node = pod.NodeName,
        };

        WorkloadRecord? record = null;
        var claimedNow = false;
        if (pod.IfName.Length > 0 && RequestValidator.ValidatePod(core) is null)
        {
            var read = await ReadRecordAsync(core.PodKey);
            if (read.Failed is { } failed)
            {
                return failed;
            }

            record = read.Record;
            var isVm = KubevirtPolicy.TryGetVmiName(pod, selectionSettings, out _);
            var isSts = StatefulSetPolicy.IsStatefulSetPod(pod, selectionSettings);
            if (record is { Nics.Count: > 0 } && record.PodUid != core.EffectiveUid && (isVm || isSts))
            {
                // Pool-change detection compares with the acquired candidates, before filtering (spec §3.10 step 1).
                var acquired = isSts ? PoolSelector.Acquire(pod, (await poolIndex.GetAsync(GrainFactory)).Entries, selectionSettings) : null;
                if (acquired is null || acquired.Succeeded)
                {
                    record = await KeepFixedAddressesAsync(core, pod.IfName, record, acquired);
                }
            }

            if (record is not null && record.PodUid == core.EffectiveUid && record.Nics.All(n => n.IfName != pod.IfName) && record.Nics.Any(n => n.Unclaimed))
            {
                // A later ADD of a pod whose ippools items name no interface: it claims one of the items the first ADD
                // allocated (spec §3.8, form 3).
                var acquired = PoolSelector.Acquire(pod, (await poolIndex.GetAsync(GrainFactory)).Entries, selectionSettings);
                var claim = await ClaimAsync(core, pod.IfName, acquired.Succeeded ? acquired.Positional : []);
                if (claim.Failed is { } claimFailed)
                {
                    return claimFailed;
                }

                record = claim.Record;
                claimedNow = record?.Nics.Any(n => n.IfName == pod.IfName) == true;
            }

            if (record is not null && record.PodUid == core.EffectiveUid && record.Nics.FirstOrDefault(n => n.IfName == pod.IfName) is { } recordedNic)
            {
                if (RequestedMismatch(recordedNic, request.RequestedAddresses) is { } mismatch)
                {
                    return new AllocationResult { Outcome = AllocationOutcome.InvalidRequest, Message = $"interface {pod.IfName} of {core.PodKey} {mismatch}" };
                }

                // A claimed item is new on this interface: not "reused", so NodeHost's conflict and gateway checks run.
                return await AnswerRepeatedAsync(core, record, reused: !claimedNow);
            }
        }

        var index = await poolIndex.GetAsync(GrainFactory);
        var selection = PoolSelector.Select(pod, index.Entries, selectionSettings);
        if (!selection.Succeeded)
        {
            // The copy of the index may be a moment old (a pool created just now): look again before failing.
            index = await poolIndex.GetAsync(GrainFactory, forceRefresh: true);
            selection = PoolSelector.Select(pod, index.Entries, selectionSettings);
        }

        if (!selection.Succeeded)
        {
            return new AllocationResult
            {
                Outcome = selection.Failure == SelectionFailure.InvalidInput ? AllocationOutcome.InvalidRequest : AllocationOutcome.NoAddress,
                Message = selection.Error!,
                Rejections = selection.Rejections,
            };
        }

        core = core with { Interfaces = selection.Interfaces.Select(i => WithRequested(i with { NetName = request.NetName }, pod.IfName, request.RequestedAddresses)).ToList() };
        if (UnservedRequest(core.Interfaces, pod.IfName, request.RequestedAddresses) is { } unserved)
        {
            return new AllocationResult { Outcome = AllocationOutcome.NoAddress, Message = $"no address for pod {core.PodKey}: {unserved}" };
        }

        if (RequestValidator.Validate(core) is { } invalid)
        {
            return new AllocationResult { Outcome = AllocationOutcome.InvalidRequest, Message = invalid };
        }

        var result = await AllocateCoreAsync(core, selection.Routes, record);
        if (result.Outcome == AllocationOutcome.Allocated && selection.IsPositional && result.Nics.All(n => n.IfName != pod.IfName))
        {
            // The first ADD of a positional pod that is not for eth0 claims its item now.
            var claim = await ClaimAsync(core, pod.IfName, selection.Positional);
            return claim.Failed ?? (result with { Nics = claim.Record?.Nics ?? result.Nics });
        }

        return result;
    }

    private async Task<(WorkloadRecord? Record, AllocationResult? Failed)> ClaimAsync(AllocationRequest core, string ifName, IReadOnlyList<PositionalInterface> positional)
    {
        var preferred = positional.FirstOrDefault(p => p.Index > 0 && p.IfName == ifName)?.Index;
        try
        {
            return (await GrainFactory.GetGrain<IWorkloadGrain>(core.PodKey).ClaimAsync(core.EffectiveUid, ifName, preferred), null);
        }
        catch (Exception ex)
        {
            return (null, RetryLater($"recording interface {ifName} of {core.PodKey} failed: {ex.Message}"));
        }
    }

    /// <summary>
    /// A StatefulSet or KubeVirt pod re-created under a new uid keeps its recorded addresses: the pools hand them to
    /// the new uid first, then the workload record follows, and the caller answers from the record this returns. Pools
    /// go first because a crash in between then leaves pools ahead of the record, which the next retry repairs; the
    /// other order could let the sweep free an address the record still promises. A StatefulSet whose pools changed
    /// for this interface gives that interface's addresses back and gets new ones (spec §3.10). Returns the record
    /// unchanged (still the old uid's) when the normal path must allocate anew and supersede it.
    /// </summary>
    private async Task<WorkloadRecord?> KeepFixedAddressesAsync(AllocationRequest core, string ifName, WorkloadRecord record, SelectionResult? acquired)
    {
        var workload = GrainFactory.GetGrain<IWorkloadGrain>(core.PodKey);
        var uid = core.EffectiveUid;
        var keep = record.Nics;
        if (acquired is not null)
        {
            var change = StatefulSetPolicy.DetectPoolChange(record.Nics, acquired.Interfaces, ifName, acquired.IsPositional);
            if (change.ReleaseAll)
            {
                // Nothing to keep: the normal path replaces the record and releases the old uid's addresses.
                LogPoolsChanged(core.PodKey, change.Reason);
                return record;
            }

            if (change.NeedsReallocation)
            {
                LogPoolsChanged(core.PodKey, change.Reason);
                var changed = record.Nics.Where(n => change.ChangedInterfaces.Contains(n.IfName)).ToList();
                await ReleaseFromPoolsAsync(record.PodUid, changed.SelectMany(n => n.Addresses()).ToList());
                keep = record.Nics.Except(changed).ToList();
                await workload.ForgetAsync(record.PodUid, changed.Select(n => n.IfName).ToList());
            }
        }

        foreach (var nic in keep)
        {
            foreach (var address in nic.Addresses())
            {
                var to = new AddressHolder(core.PodKey, uid, core.ContainerId, nic.IfName, core.Node, nic.NetName);
                if (!await GrainFactory.GetGrain<IIPPoolGrain>(address.Pool).RepointAsync(address.Address, record.PodUid, to))
                {
                    // Someone else holds it now: the normal path allocates anew and releases what this pod had.
                    LogFixedAddressLost(core.PodKey, address.Address, address.Pool);
                    return await workload.GetAsync();
                }
            }
        }

        return await workload.RepointAsync(uid, core.Node, core.ContainerId);
    }

    /// <summary>Reads the pod's record; a storage failure becomes "retry later" (nothing was changed yet).</summary>
    private async Task<(WorkloadRecord? Record, AllocationResult? Failed)> ReadRecordAsync(string podKey)
    {
        try
        {
            return (await GrainFactory.GetGrain<IWorkloadGrain>(podKey).GetAsync(), null);
        }
        catch (Exception ex)
        {
            return (null, RetryLater($"reading the workload record of {podKey} failed: {ex.Message}"));
        }
    }

    /// <summary>Allocates what <paramref name="existing"/> (the pod's record, already read) lacks, then records it.</summary>
    private async Task<AllocationResult> AllocateCoreAsync(AllocationRequest request, IReadOnlyList<CustomRoute> customRoutes, WorkloadRecord? existing)
    {
        var deadline = time.GetUtcNow() + settings.RequestDeadline;
        var uid = request.EffectiveUid;
        var workload = GrainFactory.GetGrain<IWorkloadGrain>(request.PodKey);

        var recorded = existing is not null && existing.PodUid == uid
            ? existing.Nics.Where(n => request.Interfaces.Any(i => Matches(i, n))).ToList()
            : [];
        var missing = request.Interfaces.Where(i => !recorded.Any(n => Matches(i, n))).ToList();
        if (missing.Count == 0)
        {
            return await AnswerRepeatedAsync(request, existing!);
        }

        var slots = missing
            .SelectMany(i => new[] { (Nic: i, Family: IpFamily.V4, Pools: i.V4Pools), (Nic: i, Family: IpFamily.V6, Pools: i.V6Pools) })
            .Where(s => s.Pools.Count > 0)
            .ToList();
        var outcomes = await Task.WhenAll(slots.Select(s => ReserveSlotAsync(request, uid, s.Nic, s.Family, s.Pools)));

        if (outcomes.Any(o => o.Address is null))
        {
            await CompensateAsync(request, uid, outcomes);
            var rejections = outcomes.SelectMany(o => o.Rejections).ToList();
            var unknown = outcomes.Any(o => o.Unknown);
            var failedSlots = string.Join("; ", outcomes.Where(o => o.Address is null).Select(o => o.Describe()));
            LogAllocationFailed(request.PodKey, request.ContainerId, failedSlots);
            return new AllocationResult
            {
                Outcome = unknown ? AllocationOutcome.RetryLater : AllocationOutcome.NoAddress,
                Message = $"no address for pod {request.PodKey}: {failedSlots}",
                Rejections = rejections,
            };
        }

        var newNics = missing.Select(i => BuildNic(request.ContainerId, i, outcomes.Where(o => o.IfName == i.IfName))).ToList();
        if (customRoutes.Count > 0)
        {
            // ipam.spidernet.io/routes: each route goes to the interface whose new address's subnet holds its gateway.
            var attached = RouteAttacher.Attach(customRoutes, newNics);
            newNics = newNics.Select(n => attached.ByInterface.TryGetValue(n.IfName, out var extra) ? n with { Routes = [.. n.Routes, .. extra] } : n).ToList();
        }

        WorkloadCommitResult commit;
        try
        {
            commit = await workload.RecordAsync(new WorkloadCommit(uid, request.Node, newNics, deadline));
        }
        catch (Exception ex)
        {
            // Unknown outcome: the record may exist. Releasing now could free an address the pod keeps using.
            LogRecordUnknown(request.PodKey, request.ContainerId, ex);
            return RetryLater($"recording the allocation of {request.PodKey} had an unknown outcome ({ex.Message}); the request is idempotent, retry it");
        }

        if (!commit.Recorded)
        {
            await CompensateAsync(request, uid, outcomes);
            return RetryLater(commit.Error ?? "the workload did not record the allocation");
        }

        if (commit.Superseded is { } old)
        {
            // A same-named pod with another uid (or a changed interface) held these; nobody references them now.
            await ReleaseFromPoolsAsync(old.PodUid, old.Nics.SelectMany(n => n.Addresses()).ToList());
        }

        return new AllocationResult
        {
            Outcome = AllocationOutcome.Allocated,
            Nics = request.Interfaces.Select(i => recorded.Concat(newNics).First(n => Matches(i, n))).ToList(),
        };
    }

    public async Task<ReleaseResult> ReleaseAsync(ReleaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.PodName) || string.IsNullOrEmpty(request.PodNamespace) || string.IsNullOrEmpty(request.ContainerId))
        {
            throw new ArgumentException("a release needs the pod namespace, pod name and container id", nameof(request));
        }

        if (request.KeepStatic)
        {
            // A valid StatefulSet pod or a VM that comes back: its addresses wait for it (spec §3.10, §3.11).
            return new ReleaseResult([], []);
        }

        var workloadKey = request.Pod.WorkloadKey(ipam.Value.EnableKubevirtStaticIp);
        var workload = GrainFactory.GetGrain<IWorkloadGrain>(workloadKey);
        var recorded = await ReleaseRecordedAsync(workloadKey, request.ContainerId, request.IfName);
        if (recorded.Released.Count > 0 || recorded.PendingSweep.Count > 0)
        {
            return recorded;
        }

        if (!string.IsNullOrEmpty(request.SearchNode))
        {
            var found = await ReleaseContainerOnNodeAsync(request.SearchNode, request.NetName, request.ContainerId, request.IfName);
            if (found.Released.Count > 0 || found.PendingSweep.Count > 0)
            {
                return found;
            }
        }

        if (request.IfName is not null && request.PoolsHint.Count > 0)
        {
            // Nothing recorded for this container: an ADD may have reserved and crashed before recording. Free what
            // the hinted pools hold for (uid, interface) — unless the workload records the interface (another
            // sandbox of the same pod owns it now).
            var record = await workload.GetAsync();
            if (record is null || record.PodUid != request.EffectiveUid || record.Nics.All(n => n.IfName != request.IfName))
            {
                var freed = new List<NicAddress>();
                foreach (var pool in request.PoolsHint.Distinct())
                {
                    var result = await GrainFactory.GetGrain<IIPPoolGrain>(pool).ReleaseHolderAsync(request.EffectiveUid, request.IfName);
                    freed.AddRange(result.Released.Select(a => new NicAddress(pool, a, 0, null)));
                }

                return new ReleaseResult(freed, []);
            }
        }

        return new ReleaseResult([], []);
    }

    public async Task<ReleaseResult> CollectGarbageAsync(NodeGcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var valid = request.ValidContainerIds.ToHashSet(StringComparer.Ordinal);
        var index = await poolIndex.GetAsync(GrainFactory, forceRefresh: true);
        var held = await Task.WhenAll(index.Entries.Select(e => GrainFactory.GetGrain<IIPPoolGrain>(e.Name).GetNodeHoldingsAsync(request.Node, request.NetName)));
        var stale = held.SelectMany(h => h)
            .Where(h => !valid.Contains(h.Holder.ContainerId))
            .Select(h => (h.Holder.PodKey, h.Holder.ContainerId))
            .Distinct()
            .ToList();
        List<NicAddress> released = [], pending = [];
        foreach (var (podKey, containerId) in stale)
        {
            // The holder's pod key is the workload key the ADD used (the VMI's for a KubeVirt pod).
            var result = await ReleaseRecordedAsync(podKey, containerId, ifName: null);
            released.AddRange(result.Released);
            pending.AddRange(result.PendingSweep);
            LogGarbageCollected(request.Node, request.NetName, podKey, containerId, result.Released.Count);
        }

        return new ReleaseResult(released, pending);
    }

    /// <summary>
    /// Finds the container's interface in what the pools hold on the node for the network, and releases it through
    /// the record its holder names (the pod key the ADD used, whatever identity the DEL carries).
    /// </summary>
    private async Task<ReleaseResult> ReleaseContainerOnNodeAsync(string node, string netName, string containerId, string? ifName)
    {
        var index = await poolIndex.GetAsync(GrainFactory, forceRefresh: false);
        var held = await Task.WhenAll(index.Entries.Select(e => GrainFactory.GetGrain<IIPPoolGrain>(e.Name).GetNodeHoldingsAsync(node, netName)));
        var keys = held.SelectMany(h => h)
            .Where(h => h.Holder.ContainerId == containerId && (ifName is null || h.Holder.IfName == ifName))
            .Select(h => h.Holder.PodKey)
            .Distinct()
            .ToList();
        List<NicAddress> released = [], pending = [];
        foreach (var key in keys)
        {
            var result = await ReleaseRecordedAsync(key, containerId, ifName);
            released.AddRange(result.Released);
            pending.AddRange(result.PendingSweep);
        }

        return new ReleaseResult(released, pending);
    }

    /// <summary>
    /// Releases what the record of <paramref name="workloadKey"/> holds for the container: the record first, then
    /// the pools (a crash between leaves addresses no record references, which the sweep frees).
    /// </summary>
    private async Task<ReleaseResult> ReleaseRecordedAsync(string workloadKey, string containerId, string? ifName)
    {
        var removed = await GrainFactory.GetGrain<IWorkloadGrain>(workloadKey).ReleaseAsync(containerId, ifName);
        var addresses = removed.Removed.SelectMany(n => n.Addresses()).ToList();
        if (addresses.Count == 0)
        {
            return new ReleaseResult([], []);
        }

        var pending = await ReleaseFromPoolsAsync(removed.PodUid, addresses);
        return new ReleaseResult(addresses.Except(pending).ToList(), pending);
    }

    public Task QuarantineAsync(NicAddress address, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(address);
        return GrainFactory.GetGrain<IIPPoolGrain>(address.Pool).QuarantineAsync(address.Address, duration);
    }

    public Task<WorkloadRecord?> GetEndpointAsync(PodRef pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return GrainFactory.GetGrain<IWorkloadGrain>(pod.WorkloadKey(ipam.Value.EnableKubevirtStaticIp)).GetAsync();
    }

    /// <summary>
    /// A repeated ADD (kubelet's retry, or a new sandbox of the same pod) is answered with what is recorded, every
    /// interface of the pod; a new sandbox first takes the interfaces over, so a late DEL of the old one keeps them.
    /// </summary>
    private async Task<AllocationResult> AnswerRepeatedAsync(AllocationRequest request, WorkloadRecord record, bool reused = true)
    {
        if (record.Nics.Any(n => n.ContainerId != request.ContainerId))
        {
            try
            {
                await GrainFactory.GetGrain<IWorkloadGrain>(request.PodKey).AdoptAsync(request.EffectiveUid, request.ContainerId, record.Nics.Select(n => n.IfName).ToList());
            }
            catch (Exception ex)
            {
                return RetryLater($"updating the container id of {request.PodKey} failed: {ex.Message}");
            }
        }

        return new AllocationResult
        {
            Outcome = AllocationOutcome.Allocated,
            Reused = reused,
            Nics = record.Nics.Select(n => n with { ContainerId = request.ContainerId }).ToList(),
        };
    }

    /// <summary>The static addresses asked for go to the interface of this ADD (CNI_IFNAME).</summary>
    private static InterfaceRequest WithRequested(InterfaceRequest nic, string ifName, IReadOnlyList<IpAddr> requested) =>
        nic.IfName != ifName || requested.Count == 0
            ? nic
            : nic with
            {
                RequestedV4 = requested.FirstOrDefault(a => a.Family == IpFamily.V4) is { Family: IpFamily.V4 } v4 ? v4 : null,
                RequestedV6 = requested.FirstOrDefault(a => a.Family == IpFamily.V6) is { Family: IpFamily.V6 } v6 ? v6 : null,
            };

    /// <summary>A static address whose family this interface does not allocate (no candidate pool) is refused, not dropped.</summary>
    private static string? UnservedRequest(IReadOnlyList<InterfaceRequest> nics, string ifName, IReadOnlyList<IpAddr> requested)
    {
        var nic = nics.FirstOrDefault(n => n.IfName == ifName);
        foreach (var address in requested)
        {
            var pools = address.Family == IpFamily.V4 ? nic?.V4Pools : nic?.V6Pools;
            if (pools is not { Count: > 0 })
            {
                return $"{ifName}: the requested address {address} is IPv{(int)address.Family}, and no IPv{(int)address.Family} pool is a candidate for this interface";
            }
        }

        return null;
    }

    /// <summary>A repeated ADD asking for other static addresses than the recorded ones is refused, never answered with the old ones.</summary>
    private static string? RequestedMismatch(WorkloadNic recorded, IReadOnlyList<IpAddr> requested)
    {
        foreach (var address in requested)
        {
            var held = address.Family == IpFamily.V4 ? recorded.V4 : recorded.V6;
            if (held is null || held.Address != address)
            {
                return $"already holds {(held is null ? $"no IPv{(int)address.Family} address" : held.Cidr)}, not the requested {address}; DEL it first";
            }
        }

        return null;
    }

    private async Task<SlotOutcome> ReserveSlotAsync(AllocationRequest request, string uid, InterfaceRequest nic, IpFamily family, IReadOnlyList<string> pools)
    {
        var ifName = nic.IfName;
        var holder = new AddressHolder(request.PodKey, uid, request.ContainerId, ifName, request.Node, nic.NetName);
        var rejections = new List<PoolRejection>();
        foreach (var pool in pools)
        {
            var grain = GrainFactory.GetGrain<IIPPoolGrain>(pool);
            PoolAllocateResult? result = null;
            for (var attempt = 0; result is null; attempt++)
            {
                try
                {
                    result = nic.Requested(family) is { } requested
                        ? await grain.AllocateAddressAsync(holder, requested)
                        : await grain.AllocateAsync(holder);
                }
                catch (Exception ex) when (attempt < settings.PoolRetries)
                {
                    // The pool's outcome is unknown; asking again is safe because it answers per (uid, interface).
                    LogPoolRetry(pool, request.PodKey, ifName, ex.Message);
                }
                catch (Exception ex)
                {
                    rejections.Add(new PoolRejection(ifName, family, pool, $"unreachable: {ex.Message}"));
                    return new SlotOutcome(ifName, family, null, rejections) { Unknown = true, UnknownPool = pool };
                }
            }

            if (result.Outcome == PoolAllocateOutcome.Allocated)
            {
                if (result.Family != family)
                {
                    // The pool answered for the other family: give it back and say the pool is mis-listed.
                    await grain.ReleaseAsync([new PoolRelease(result.Address!.Value, uid)]);
                    rejections.Add(new PoolRejection(ifName, family, pool, $"is an IPv{(int)result.Family} pool, listed as IPv{(int)family}"));
                    continue;
                }

                return new SlotOutcome(ifName, family, new NicAddress(pool, result.Address!.Value, result.PrefixLength, result.Gateway), rejections)
                {
                    Routes = result.Routes,
                };
            }

            rejections.Add(new PoolRejection(ifName, family, pool, result.Message));
        }

        return new SlotOutcome(ifName, family, null, rejections);
    }

    private async Task CompensateAsync(AllocationRequest request, string uid, IEnumerable<SlotOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            try
            {
                if (outcome.Address is { } taken)
                {
                    await GrainFactory.GetGrain<IIPPoolGrain>(taken.Pool).ReleaseAsync([new PoolRelease(taken.Address, uid)]);
                }
                else if (outcome.UnknownPool is { } pool)
                {
                    await GrainFactory.GetGrain<IIPPoolGrain>(pool).ReleaseHolderAsync(uid, outcome.IfName);
                }
            }
            catch (Exception ex)
            {
                // Not recorded anywhere, so the sweep frees it after its grace period.
                LogCompensationFailed(request.PodKey, outcome.IfName, ex);
            }
        }
    }

    /// <summary>Releases addresses from their pools; returns those whose pool could not be reached (left to the sweep).</summary>
    private async Task<List<NicAddress>> ReleaseFromPoolsAsync(string uid, IReadOnlyList<NicAddress> addresses)
    {
        var pending = new List<NicAddress>();
        var byPool = addresses.GroupBy(a => a.Pool);
        var results = await Task.WhenAll(byPool.Select(async group =>
        {
            try
            {
                await GrainFactory.GetGrain<IIPPoolGrain>(group.Key).ReleaseAsync(group.Select(a => new PoolRelease(a.Address, uid)).ToList());
                return [];
            }
            catch (Exception ex)
            {
                LogReleasePending(group.Key, uid, ex.Message);
                return group.ToList();
            }
        }));
        foreach (var list in results)
        {
            pending.AddRange(list);
        }

        return pending;
    }

    /// <summary>Is <paramref name="nic"/> the record of <paramref name="request"/>? Positional items by index (claimed ones carry the runtime's name).</summary>
    private static bool Matches(InterfaceRequest request, WorkloadNic nic) =>
        nic.IfName == request.IfName || (request.Position is int position && nic.Position == position);

    private static WorkloadNic BuildNic(string containerId, InterfaceRequest nic, IEnumerable<SlotOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var v4 = list.FirstOrDefault(o => o.Family == IpFamily.V4);
        var v6 = list.FirstOrDefault(o => o.Family == IpFamily.V6);
        var routes = new List<NicRoute>();
        foreach (var slot in list)
        {
            routes.AddRange(slot.Routes.Select(r => new NicRoute(r.Dst, r.Gw)));
            if (!nic.CleanGateway && slot.Address?.Gateway is { } gateway)
            {
                routes.Add(new NicRoute(slot.Family == IpFamily.V4 ? "0.0.0.0/0" : "::/0", gateway));
            }
        }

        return new WorkloadNic
        {
            IfName = nic.IfName,
            ContainerId = containerId,
            V4 = v4?.Address,
            V6 = v6?.Address,
            Routes = routes,
            CleanGateway = nic.CleanGateway,
            NetName = nic.NetName,
            Position = nic.Position,
        };
    }

    private static AllocationResult RetryLater(string message) => new() { Outcome = AllocationOutcome.RetryLater, Message = message };

    private sealed record SlotOutcome(string IfName, IpFamily Family, NicAddress? Address, IReadOnlyList<PoolRejection> Rejections)
    {
        public bool Unknown { get; init; }
        public string? UnknownPool { get; init; }
        public IReadOnlyList<PoolRoute> Routes { get; init; } = [];

        public string Describe() =>
            $"{IfName} IPv{(int)Family}: " + (Rejections.Count == 0
                ? "no candidate pool"
                : string.Join(", ", Rejections.Select(r => $"pool '{r.Pool}' {r.Reason}")));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "StatefulSet pod {PodKey}: its pools changed ({Reason}); giving back the old addresses")]
    private partial void LogPoolsChanged(string podKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fixed address {Address} of {PodKey} in pool {Pool} is held by another pod; allocating anew")]
    private partial void LogFixedAddressLost(string podKey, IpAddr address, string pool);

    [LoggerMessage(Level = LogLevel.Information, Message = "CNI GC on node {Node}, network {NetName}: released {Count} addresses of {PodKey} (container {ContainerId}), which the runtime no longer lists")]
    private partial void LogGarbageCollected(string node, string netName, string podKey, string containerId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Allocation for {PodKey} (container {ContainerId}) failed: {Reasons}")]
    private partial void LogAllocationFailed(string podKey, string containerId, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the allocation of {PodKey} (container {ContainerId}) had an unknown outcome")]
    private partial void LogRecordUnknown(string podKey, string containerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool} call for {PodKey} {IfName} failed, asking again: {Error}")]
    private partial void LogPoolRetry(string pool, string podKey, string ifName, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back reservations of {PodKey} {IfName} failed; the sweep will free them")]
    private partial void LogCompensationFailed(string podKey, string ifName, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing addresses of uid {PodUid} from pool {Pool} failed, left to the sweep: {Error}")]
    private partial void LogReleasePending(string pool, string podUid, string error);
}
