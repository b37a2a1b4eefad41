using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Grains.Pools;

/// <summary>
/// In-memory index of pool specs, rebuilt from the store's pool heads (one query) at activation and every
/// <see cref="RefreshInterval"/>; pool grains push changes in between. Nothing of its own is stored.
/// </summary>
[Reentrant]
internal sealed partial class PoolIndexGrain(IPoolStore store, ILogger<PoolIndexGrain> logger) : Grain, IPoolIndexGrain
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(60);

    private readonly SortedDictionary<string, PoolIndexEntry> entries = new(StringComparer.Ordinal);

    // A fresh random start per activation: a cache holding a version from an earlier activation never matches.
    private long version = Random.Shared.NextInt64();
    private PoolIndexSnapshot? snapshot;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RebuildAsync();
        this.RegisterGrainTimer(RebuildAsync, new GrainTimerCreationOptions(RefreshInterval, RefreshInterval) { Interleave = true });
    }

    public Task<PoolIndexSnapshot?> GetIfChangedAsync(long knownVersion)
    {
        if (knownVersion == version)
        {
            return Task.FromResult<PoolIndexSnapshot?>(null);
        }

        snapshot ??= new PoolIndexSnapshot(version, [.. entries.Values]);
        return Task.FromResult<PoolIndexSnapshot?>(snapshot);
    }

    public Task UpsertAsync(PoolIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entries.TryGetValue(entry.Name, out var current) || !Same(current, entry))
        {
            entries[entry.Name] = entry;
            Changed();
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string pool)
    {
        if (entries.Remove(pool))
        {
            Changed();
        }

        return Task.CompletedTask;
    }

    private async Task RebuildAsync()
    {
        IReadOnlyList<PoolHeadRecord> heads;
        try
        {
            heads = await store.ListHeadsAsync();
        }
        catch (Exception ex)
        {
            LogRebuildFailed(ex.Message);
            return;
        }

        var fresh = new Dictionary<string, PoolIndexEntry>(StringComparer.Ordinal);
        foreach (var head in heads)
        {
            try
            {
                fresh[head.Name] = PoolIndexEntries.From(head.Name, PoolIndexEntries.ParseHead(head.Name, head.HeadJson));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
            {
                LogBadHead(head.Name, ex.Message);
            }
        }

        var changed = fresh.Count != entries.Count || fresh.Any(p => !entries.TryGetValue(p.Key, out var e) || !Same(e, p.Value));
        if (changed)
        {
            entries.Clear();
            foreach (var (name, entry) in fresh)
            {
                entries[name] = entry;
            }

            Changed();
        }
    }

    private void Changed()
    {
        version++;
        snapshot = null;
    }

    // Records holding lists compare the list references; compare what selection reads instead.
    private static bool Same(PoolIndexEntry a, PoolIndexEntry b) =>
        a.Name == b.Name && a.Family == b.Family && a.Terminating == b.Terminating && a.Disable == b.Disable && a.Default == b.Default &&
        Equals(a.PodAffinity, b.PodAffinity) && Equals(a.NamespaceAffinity, b.NamespaceAffinity) && Equals(a.NodeAffinity, b.NodeAffinity) &&
        a.NamespaceName.SequenceEqual(b.NamespaceName) && a.NodeName.SequenceEqual(b.NodeName) && a.MultusName.SequenceEqual(b.MultusName) &&
        a.Labels.Count == b.Labels.Count && a.Labels.All(l => b.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool index: reading pool heads failed, keeping the current index: {Error}")]
    private partial void LogRebuildFailed(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pool index: pool {Pool} has a stored head that cannot be read: {Error}")]
    private partial void LogBadHead(string pool, string error);
}
