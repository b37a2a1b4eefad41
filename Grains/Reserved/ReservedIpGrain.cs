using Microsoft.Extensions.Logging;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Reserved;
using Spiderpool.Grains.Interfaces.Storage;

namespace Spiderpool.Grains.Reserved;

/// <summary>
/// The registry of SpiderReservedIP objects. Not reentrant: one change at a time, stored, then pushed to every pool of
/// the family (found in the pool index). Pools are reentrant, so a pool that asks for the ranges while a push to it
/// is under way is answered (<see cref="GetRangesAsync"/> interleaves).
/// </summary>
internal sealed partial class ReservedIpGrain(
    [PersistentState("reserved", StorageNames.GrainState)] IPersistentState<ReservedIpState> state,
    ILogger<ReservedIpGrain> logger) : Grain, IReservedIpGrain
{
    public async Task<ReservedIpResult> SetAsync(string name, int ipVersion, IReadOnlyList<string> ips)
    {
        ArgumentNullException.ThrowIfNull(ips);
        if (string.IsNullOrWhiteSpace(name))
        {
            return Refused("metadata.name of the SpiderReservedIP is empty");
        }

        if (ips.Count == 0)
        {
            return Refused($"SpiderReservedIP '{name}': spec.ips is empty; list at least one address or range");
        }

        if (ipVersion is not (0 or 4 or 6))
        {
            return Refused($"SpiderReservedIP '{name}': spec.ipVersion must be 4 or 6, not {ipVersion}");
        }

        // 0: inferred from the entries, as Spiderpool's mutating webhook does.
        IpFamily? family = ipVersion == 0 ? null : (IpFamily)ipVersion;

        if (!IpRangeParser.TryParseList(ips, family, out var set, out var error))
        {
            return Refused($"SpiderReservedIP '{name}': spec.ips: {error}");
        }

        var version = (int)set.Family!.Value;
        if (state.State.Entries.TryGetValue(name, out var existing) && existing.IpVersion != version)
        {
            return Refused($"SpiderReservedIP '{name}': spec.ipVersion is immutable (is {existing.IpVersion}, asked {version})");
        }

        state.State.Entries[name] = new ReservedIpEntry(version, set.ToStrings());
        await SaveAsync(() =>
        {
            if (existing is null)
            {
                state.State.Entries.Remove(name);
            }
            else
            {
                state.State.Entries[name] = existing;
            }
        });
        return await PushAsync(version);
    }

    public async Task<ReservedIpResult> DeleteAsync(string name)
    {
        if (!state.State.Entries.Remove(name, out var removed))
        {
            return new ReservedIpResult { Accepted = true };
        }

        await SaveAsync(() => state.State.Entries[name] = removed);
        return await PushAsync(removed.IpVersion);
    }

    public Task<IReadOnlyList<string>> GetRangesAsync(int ipVersion) => Task.FromResult(Union(ipVersion));

    private IReadOnlyList<string> Union(int ipVersion)
    {
        var union = IpRangeSet.Empty;
        foreach (var entry in state.State.Entries.Values.Where(e => e.IpVersion == ipVersion))
        {
            IpRangeParser.TryParseList(entry.Ips, (IpFamily)ipVersion, out var set, out _);
            union = union.Union(set);
        }

        return union.ToStrings();
    }

    private async Task<ReservedIpResult> PushAsync(int ipVersion)
    {
        var ranges = Union(ipVersion);
        var index = await GrainFactory.GetGrain<IPoolIndexGrain>(IPoolIndexGrain.Key).GetIfChangedAsync(long.MinValue);
        var held = new List<ReservedHolding>();
        var missed = new List<string>();
        var reserved = IpRangeParser.TryParseList(ranges, (IpFamily)ipVersion, out var set, out _) ? set : IpRangeSet.Empty;
        foreach (var pool in index?.Entries.Where(e => (int)e.Family == ipVersion && !e.Terminating) ?? [])
        {
            try
            {
                var result = await GrainFactory.GetGrain<IIPPoolGrain>(pool.Name).SetReservedAsync(ranges);
                held.AddRange(result.HeldOutsideSpec.Where(reserved.Contains).Select(a => new ReservedHolding(pool.Name, a)));
            }
            catch (Exception ex)
            {
                LogPushFailed(pool.Name, ex.Message);
                missed.Add(pool.Name);
            }
        }

        return new ReservedIpResult { Accepted = true, AlreadyHeld = held, PoolsNotUpdated = missed };
    }

    /// <summary>
    /// Stores the changed entries, or undoes the change in memory and deactivates: memory is never ahead of storage
    /// (a write whose answer was lost may have landed; the next activation reads which).
    /// </summary>
    private async Task SaveAsync(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            undo();
            DeactivateOnIdle();
            throw StorageUnavailableException.From("the SpiderReservedIP registry: storing the change failed, its outcome is unknown; retry", ex);
        }
    }

    private static ReservedIpResult Refused(string error) => new() { Accepted = false, Error = error };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reserved IPs could not be given to pool {Pool} now: {Error}")]
    private partial void LogPushFailed(string pool, string error);
}
