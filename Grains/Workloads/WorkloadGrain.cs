using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Workloads;

/// <summary>
/// The pod-side record. Not reentrant: every change is a read-modify-write of one small state, ETag-checked by the
/// storage provider, so a second activation fails its first write instead of overwriting.
/// </summary>
internal sealed partial class WorkloadGrain(
    [PersistentState("workload", StorageNames.GrainState)] IPersistentState<WorkloadState> state,
    [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time,
    ILogger<WorkloadGrain> logger) : Grain, IWorkloadGrain
{
    public Task<WorkloadRecord?> GetAsync() => Task.FromResult(state.State.Record);

    public async Task<WorkloadCommitResult> RecordAsync(WorkloadCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
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

        state.State.Record = next;
        await state.WriteStateAsync();
        return new WorkloadCommitResult(true, null, superseded);
    }

    public async Task AdoptAsync(string podUid, string containerId, IReadOnlyList<string> ifNames)
    {
        ArgumentNullException.ThrowIfNull(ifNames);
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
            state.State.Record = current with { Nics = nics, UpdatedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }
    }

    public async Task<WorkloadRecord?> RepointAsync(string podUid, string node, string containerId)
    {
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
        state.State.Record = next;
        await state.WriteStateAsync();
        return next;
    }

    public async Task<WorkloadReleaseResult> ReleaseAsync(string containerId, string? ifName)
    {
        var current = state.State.Record;
        if (current is null)
        {
            return new WorkloadReleaseResult("", []);
        }

        var removed = current.Nics.Where(n => n.ContainerId == containerId && (ifName is null || n.IfName == ifName)).ToList();
        if (removed.Count == 0)
        {
            return new WorkloadReleaseResult(current.PodUid, []);
        }

        var remaining = current.Nics.Except(removed).ToList();
        if (remaining.Count == 0)
        {
            state.State.Record = null;
            await state.ClearStateAsync();
        }
        else
        {
            state.State.Record = current with { Nics = remaining, UpdatedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }

        return new WorkloadReleaseResult(current.PodUid, removed);
    }

    public Task<IReadOnlyList<bool>> VerifyAsync(IReadOnlyList<HeldReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var current = state.State.Record;
        IReadOnlyList<bool> answers = references
            .Select(r => current is not null && current.PodUid == r.PodUid &&
                current.Nics.Any(n => n.Addresses().Any(a => a.Pool == r.Pool && a.Address == r.Address)))
            .ToList();
        return Task.FromResult(answers);
    }

    private static bool SameAddresses(WorkloadNic a, WorkloadNic b) =>
        a.V4?.Pool == b.V4?.Pool && a.V4?.Address == b.V4?.Address &&
        a.V6?.Pool == b.V6?.Pool && a.V6?.Address == b.V6?.Address;

    [LoggerMessage(Level = LogLevel.Information, Message = "Workload record of pod uid {OldUid} replaced by pod uid {NewUid}")]
    private partial void LogSuperseded(string oldUid, string newUid);
}
