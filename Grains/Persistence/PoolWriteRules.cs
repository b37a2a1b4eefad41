using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Persistence;

/// <summary>
/// The argument rules of <see cref="IPoolStore.WriteAsync"/>, checked by every store before anything is written or
/// sent, so that a bad caller fails loudly instead of getting database errors or whatever order of application a
/// store happens to use.
/// </summary>
public static class PoolWriteRules
{
    /// <summary>
    /// Validates the write and returns its upserts with repeated addresses collapsed to the last one (one SQL
    /// statement cannot upsert the same row twice; a store that applies rows one by one gets the same result).
    /// </summary>
    public static IReadOnlyList<HeldAddress> Check(string pool, long expectedVersion, PoolWrite write)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (expectedVersion == 0 && write.HeadJson is null)
        {
            throw new ArgumentException($"pool '{pool}' is being created (expected version 0) without a head: set PoolWrite.HeadJson", nameof(write));
        }

        var upserts = write.Upserts;
        if (upserts.Count == 0 || (upserts.Count == 1 && write.Removals.Count == 0))
        {
            return upserts;
        }

        var lastIndex = new Dictionary<IpAddr, int>(upserts.Count);
        for (var i = 0; i < upserts.Count; i++)
        {
            lastIndex[upserts[i].Address] = i;
        }

        foreach (var address in write.Removals)
        {
            if (lastIndex.ContainsKey(address))
            {
                throw new ArgumentException($"pool '{pool}': address {address} is both upserted and removed in one write; keep it in one list only", nameof(write));
            }
        }

        if (lastIndex.Count == upserts.Count)
        {
            return upserts;
        }

        var distinct = new List<HeldAddress>(lastIndex.Count);
        for (var i = 0; i < upserts.Count; i++)
        {
            if (lastIndex[upserts[i].Address] == i)
            {
                distinct.Add(upserts[i]);
            }
        }

        return distinct;
    }
}
