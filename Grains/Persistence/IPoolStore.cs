namespace Spiderpool.Grains.Persistence;

/// <summary>
/// Durable home of one IP pool: a small head (spec and reserved ranges as opaque JSON, plus a version that acts as
/// the ETag) and one row per held address. A write touches the head and only the rows it changes, so its cost does
/// not grow with the number of addresses in use or the size of the range.
/// </summary>
public interface IPoolStore
{
    /// <summary>Reads the pool, or null when nothing was ever written for it.</summary>
    Task<PoolSnapshot?> LoadAsync(string pool, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="write"/> atomically if the stored version still equals <paramref name="expectedVersion"/>
    /// (0 = the pool must not exist yet) and returns the new version. Throws <see cref="PoolStoreConflictException"/>
    /// when the version moved: the caller's view is stale and nothing was written.
    /// </summary>
    Task<long> WriteAsync(string pool, long expectedVersion, PoolWrite write, CancellationToken cancellationToken = default);

    /// <summary>Deletes the pool (head and rows) if its version still equals <paramref name="expectedVersion"/>.</summary>
    Task DeleteAsync(string pool, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Every stored pool's head (not its held addresses), sorted ordinally by name.</summary>
    Task<IReadOnlyList<PoolHeadRecord>> ListHeadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Names of all stored pools, sorted ordinally.</summary>
    Task<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default);
}
