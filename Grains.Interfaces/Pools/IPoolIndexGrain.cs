using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// The index of pool specs that pool selection reads, so an allocation never calls every pool grain. Key: "cluster".
/// Pool grains push their entry when their spec changes; the index rebuilds itself from the stored pool heads when
/// activated and at intervals, so a lost push heals. Silos cache it and ask only for newer versions.
/// </summary>
[Alias("spiderpool.IPoolIndexGrain")]
public interface IPoolIndexGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>The index, or null when its version is still <paramref name="knownVersion"/>.</summary>
    [Alias("GetIfChanged"), Orleans.Concurrency.AlwaysInterleave]
    Task<PoolIndexSnapshot?> GetIfChangedAsync(long knownVersion);

    [Alias("Upsert")]
    Task UpsertAsync(PoolIndexEntry entry);

    [Alias("Remove")]
    Task RemoveAsync(string pool);
}
