using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spiderpool.Grains.Interfaces.Storage;
using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Workloads;

/// <summary>
/// The pod-side record. Not reentrant: every change is a read-modify-write of one small state, ETag-checked by the
/// storage provider, so a second activation fails its first write instead of overwriting. Memory is never ahead of
/// storage: a change is kept only once its write succeeded. A failed write may still have landed (its answer was
/// lost), so after one this activation knows nothing for sure: it refuses every further call — including the
/// sweep's <see cref="VerifyAsync"/>, which must never answer "not referenced" from a guess — and deactivates; the
/// next activation reads what is durable.
/// </summary>
internal sealed partial class WorkloadGrain(
    [PersistentState("workload", StorageNames.GrainState)] IPersistentState<WorkloadState> state,
    [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time,
    ILogger<WorkloadGrain> logger) : Grain, IWorkloadGrain
{
    private string? broken;

    public Task<WorkloadRecord?> GetAsync()
    {
        ThrowIfBroken();
        return Task.FromResult(state.State.Record);
    }

    public async Task<WorkloadCommitResult> RecordAsync(WorkloadCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ThrowIfBroken();
        var now = time.GetUtcNow();
        if (now > commit.Deadline)
        {
            // The consistency sweep relies on this: after the deadline nothing can start referencing these addresses.
            return new WorkloadCommitResult(false, $"the allocation's deadline {commit.Deadline:O} passed before it could be recorded; retry the request", null);
        }

        var current = state.State.Record;
        WorkloadRecord? superseded = null;
        WorkloadRecord next;
        if (current is null || current.PodUid != commit.PodUid)
        {
            superseded = current is { Nics.Count: > 0 } ? current : null;
            next = new WorkloadRecord { PodUid = commit.PodUid, Node = commit.Node, Nics = commit.Nics, UpdatedAt = now };
            if (superseded is not null)
            {
                LogSuperseded(superseded.PodUid, commit.PodUid);
            }
        }
        else
        {
            var replaced = new List<WorkloadNic>();
            var nics = current.Nics.ToList();
            foreach (var nic in commit.Nics)
            {
                var index = nics.FindIndex(n => n.IfName == nic.IfName);
                if (index < 0)
                {
                    nics.Add(nic);
                    continue;
                }

                if (!SameAddresses(nics[index], nic))
                {
                    replaced.Add(nics[index]);
                }

                nics[index] = nic;
            }

            superseded = replaced.Count > 0 ? current with { Nics = replaced } : null;
            next = current with { Node = commit.Node, Nics = nics, UpdatedAt = now };
        }

        await SaveAsync(next, "recording the allocation");
        return new WorkloadCommitResult(true, null, superseded);
    }

    public async Task AdoptAsync(string podUid, string containerId, IReadOnlyList<string> ifNames)
    {
        ArgumentNullException.ThrowIfNull(ifNames);
        ThrowIfBroken();
        var current = state.State.Record;
        if (current is null || current.PodUid != podUid)
        {
            return;
        }

        var changed = false;
        var nics = current.Nics.Select(nic =>
        {
            if (!ifNames.Contains(nic.IfName) || nic.ContainerId == containerId)
            {
                return nic;
            }

            changed = true;
            return nic with { ContainerId = containerId };
        }).ToList();

        if (changed)
        {
            await SaveAsync(current with { Nics = nics, UpdatedAt = time.GetUtcNow() }, "adopting the interfaces for a new sandbox");
        }
    }

    public async Task<WorkloadRecord?> RepointAsync(string podUid, string node, string containerId)
    {
        ThrowIfBroken();
        var current = state.State.Record;
        if (current is null)
        {
            return null;
        }

        var next = current with
        {
            PodUid = podUid,
            Node = node,
            Nics = current.Nics.Select(n => n with { ContainerId = containerId }).ToList(),
            UpdatedAt = time.GetUtcNow(),
        };
        await SaveAsync(next, "moving the record to the re-created pod");
        return next;
    }

    public async Task<WorkloadReleaseResult> ReleaseAsync(string containerId, string? ifName)
    {
        ThrowIfBroken();
        var current = state.State.Record;
        if (current is null)
        {
            return new WorkloadReleaseResult("", []);
        }

        if (!current.Nics.Any(n => n.ContainerId == containerId && (ifName is null || n.IfName == ifName)))
        {
            return new WorkloadReleaseResult(current.PodUid, []);
        }

        // Spec §3.15 step 10: the DEL of one interface releases every interface recorded for its sandbox. With
        // ipam.spidernet.io/ippools the first ADD allocated all listed NICs; one the runtime never attached gets no
        // DEL of its own, and nothing else would ever free it (the record references it, so the sweep keeps it).
        var removed = current.Nics.Where(n => n.ContainerId == containerId).ToList();

        var remaining = current.Nics.Except(removed).ToList();
        await SaveAsync(remaining.Count == 0 ? null : current with { Nics = remaining, UpdatedAt = time.GetUtcNow() }, "releasing the interfaces");

        return new WorkloadReleaseResult(current.PodUid, removed);
    }

    public async Task ForgetAsync(string podUid, IReadOnlyList<string> ifNames)
    {
        ArgumentNullException.ThrowIfNull(ifNames);
        ThrowIfBroken();
        var current = state.State.Record;
        if (current is null || current.PodUid != podUid || !current.Nics.Any(n => ifNames.Contains(n.IfName)))
        {
            return;
        }

        var remaining = current.Nics.Where(n => !ifNames.Contains(n.IfName)).ToList();
        await SaveAsync(remaining.Count == 0 ? null : current with { Nics = remaining, UpdatedAt = time.GetUtcNow() }, "forgetting interfaces");
    }

    public async Task<WorkloadRecord?> ClaimAsync(string podUid, string ifName, int? preferredPosition)
    {
        ThrowIfBroken();
        var current = state.State.Record;
        if (current is null || current.PodUid != podUid || current.Nics.Any(n => n.IfName == ifName))
        {
            return current;
        }

        var unclaimed = current.Nics.Where(n => n.Unclaimed).OrderBy(n => n.Position).ToList();
        var item = unclaimed.FirstOrDefault(n => n.Position == preferredPosition) ?? unclaimed.FirstOrDefault();
        if (item is null)
        {
            return current;
        }

        var nics = current.Nics.Select(n => n == item ? n with { IfName = ifName } : n).ToList();
        await SaveAsync(current with { Nics = nics, UpdatedAt = time.GetUtcNow() }, $"giving interface {ifName} its item of ipam.spidernet.io/ippools");
        return state.State.Record;
    }

    public Task<IReadOnlyList<bool>> VerifyAsync(IReadOnlyList<HeldReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        ThrowIfBroken();
        var current = state.State.Record;
        IReadOnlyList<bool> answers = references
            .Select(r => current is not null && current.PodUid == r.PodUid &&
                current.Nics.Any(n => n.Addresses().Any(a => a.Pool == r.Pool && a.Address == r.Address)))
            .ToList();
        return Task.FromResult(answers);
    }

    /// <summary>
    /// Makes <paramref name="next"/> the record (null: none) durably, or leaves memory as it was, marks this activation
    /// broken and deactivates it. Without this, a write that failed without landing left the new record in memory: a
    /// retried ADD was answered "allocated" from it, and once the activation was gone the sweep freed the address
    /// the pod was using (a duplicate); a failed clear left nothing in memory, so the retried DEL released nothing
    /// and the stale stored record kept the addresses forever.
    /// </summary>
    private async Task SaveAsync(WorkloadRecord? next, string what)
    {
        var previous = state.State.Record;
        state.State.Record = next;
        try
        {
            if (next is null)
            {
                await state.ClearStateAsync();
            }
            else
            {
                await state.WriteStateAsync();
            }
        }
        catch (Exception ex)
        {
            state.State.Record = previous;
            var error = StorageUnavailableException.From($"workload {this.GetPrimaryKeyString()}: {what} failed, its outcome is unknown; retry", ex);
            broken = error.Message;
            LogWriteFailed(this.GetPrimaryKeyString(), ex);
            DeactivateOnIdle();
            throw error;
        }
    }

    private void ThrowIfBroken()
    {
        if (broken is not null)
        {
            throw new StorageUnavailableException($"this activation of workload {this.GetPrimaryKeyString()} lost track of its storage and is being replaced ({broken})");
        }
    }

    private static bool SameAddresses(WorkloadNic a, WorkloadNic b) =>
        a.V4?.Pool == b.V4?.Pool && a.V4?.Address == b.V4?.Address &&
        a.V6?.Pool == b.V6?.Pool && a.V6?.Address == b.V6?.Address;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload {PodKey}: writing its record failed; keeping the stored state and deactivating")]
    private partial void LogWriteFailed(string podKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload record of pod uid {OldUid} replaced by pod uid {NewUid}")]
    private partial void LogSuperseded(string oldUid, string newUid);
}
