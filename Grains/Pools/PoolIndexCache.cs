using Microsoft.Extensions.DependencyInjection;
using Spiderpool.Grains.Interfaces.Pools;

namespace Spiderpool.Grains.Pools;

/// <summary>
/// A silo's copy of the pool index. Allocations read it without a grain call; at most every <see cref="MaxAge"/> one
/// caller asks the index grain whether it changed (a version compare, no data when unchanged). A selection that
/// names a pool the copy does not know forces a refresh before it fails, so a pool created a moment ago is found.
/// </summary>
public sealed class PoolIndexCache([FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private PoolIndexSnapshot current = new(long.MinValue, []);
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;
    private Task<PoolIndexSnapshot>? refreshing;

    public ValueTask<PoolIndexSnapshot> GetAsync(IGrainFactory grains, bool forceRefresh = false)
    {
        ArgumentNullException.ThrowIfNull(grains);
        Task<PoolIndexSnapshot> refresh;
        lock (gate)
        {
            if (!forceRefresh && time.GetUtcNow() - checkedAt < MaxAge)
            {
                return ValueTask.FromResult(current);
            }

            refresh = refreshing ??= RefreshAsync(grains);
        }

        return new ValueTask<PoolIndexSnapshot>(refresh);
    }

    private async Task<PoolIndexSnapshot> RefreshAsync(IGrainFactory grains)
    {
        // Return to the caller before doing anything, so `refreshing` is assigned before the finally below clears it.
        await Task.Yield();
        try
        {
            var newer = await grains.GetGrain<IPoolIndexGrain>(IPoolIndexGrain.Key).GetIfChangedAsync(current.Version);
            lock (gate)
            {
                current = newer ?? current;
                checkedAt = time.GetUtcNow();
                return current;
            }
        }
        finally
        {
            lock (gate)
            {
                refreshing = null;
            }
        }
    }
}
