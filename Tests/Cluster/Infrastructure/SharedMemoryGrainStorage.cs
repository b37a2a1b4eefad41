using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace Spiderpool.Tests.Cluster.Infrastructure;

/// <summary>
/// Grain storage kept outside the silos (one <see cref="Table"/> per test cluster), so state outlives a full restart
/// of the cluster like a database would, with the same ETag rule: a write with a stale ETag is rejected.
/// </summary>
public sealed class SharedMemoryGrainStorage(SharedMemoryGrainStorage.Table table, DeepCopier copier) : IGrainStorage
{
    public sealed class Table
    {
        internal ConcurrentDictionary<string, (object State, string ETag)> Rows { get; } = new();

        private long nextETag;

        internal string NewETag() => Interlocked.Increment(ref nextETag).ToString(CultureInfo.InvariantCulture);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (table.Rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = copier.Copy((T)row.State);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        lock (table)
        {
            CheckETag(key, grainState.ETag);
            var etag = table.NewETag();
            table.Rows[key] = (copier.Copy(grainState.State)!, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        lock (table)
        {
            CheckETag(key, grainState.ETag);
            table.Rows.TryRemove(key, out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    private void CheckETag(string key, string? expected)
    {
        var stored = table.Rows.TryGetValue(key, out var row) ? row.ETag : null;
        if (stored != expected)
        {
            throw new InconsistentStateException($"stale ETag for {key}", stored, expected);
        }
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
