using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Persistence;

/// <summary>
/// <see cref="IPoolStore"/> kept in process memory: the store of the embedded single-process mode and of tests.
/// Register one instance for all silos of an in-process test cluster so they share it like they would share a
/// database. Nothing survives the process.
/// </summary>
/// <remarks>
/// Callers get and give copies: the lists handed in are copied before the call returns and every load builds new
/// lists, so no caller can change stored state behind the store's back. <see cref="HeldAddress"/> itself is an
/// immutable record of immutable values, so copying the lists is enough.
/// </remarks>
public sealed class InMemoryPoolStore : IPoolStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredPool> _pools = new(StringComparer.Ordinal);

    public Task<PoolSnapshot?> LoadAsync(string pool, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_pools.TryGetValue(pool, out var stored))
            {
                return Task.FromResult<PoolSnapshot?>(null);
            }

            var held = new HeldAddress[stored.Held.Count];
            stored.Held.Values.CopyTo(held, 0);
            return Task.FromResult<PoolSnapshot?>(new PoolSnapshot(stored.Version, stored.HeadJson, held));
        }
    }

    public Task<long> WriteAsync(string pool, long expectedVersion, PoolWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentNullException.ThrowIfNull(write);
        var upserts = PoolWriteRules.Check(pool, expectedVersion, write);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            // Everything that can refuse the write is checked before the first change, so a refused write leaves
            // the pool exactly as it was.
            _pools.TryGetValue(pool, out var stored);
            var actual = stored?.Version ?? 0;
            if (actual != expectedVersion)
            {
                throw new PoolStoreConflictException(pool, expectedVersion, stored?.Version);
            }

            if (stored is null)
            {
                stored = new StoredPool(write.HeadJson!);
                _pools.Add(pool, stored);
            }
            else if (write.HeadJson is not null)
            {
                stored.HeadJson = write.HeadJson;
            }

            foreach (var address in write.Removals)
            {
                stored.Held.Remove(address);
            }

            foreach (var held in upserts)
            {
                stored.Held[held.Address] = held;
            }

            stored.Version = expectedVersion + 1;
            return Task.FromResult(stored.Version);
        }
    }

    public Task DeleteAsync(string pool, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_pools.TryGetValue(pool, out var stored))
            {
                // Expecting "does not exist" and finding nothing is a successful delete.
                return expectedVersion == 0
                    ? Task.CompletedTask
                    : throw new PoolStoreConflictException(pool, expectedVersion, null);
            }

            if (stored.Version != expectedVersion)
            {
                throw new PoolStoreConflictException(pool, expectedVersion, stored.Version);
            }

            _pools.Remove(pool);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<PoolHeadRecord>> ListHeadsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<PoolHeadRecord> heads;
        lock (_lock)
        {
            heads = _pools.Select(p => new PoolHeadRecord(p.Key, p.Value.Version, p.Value.HeadJson)).ToList();
        }

        heads.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return Task.FromResult<IReadOnlyList<PoolHeadRecord>>(heads);
    }

    public Task<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string[] names;
        lock (_lock)
        {
            names = [.. _pools.Keys];
        }

        Array.Sort(names, StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(names);
    }

    private sealed class StoredPool(string headJson)
    {
        public long Version { get; set; }

        public string HeadJson { get; set; } = headJson;

        public Dictionary<IpAddr, HeldAddress> Held { get; } = [];
    }
}
