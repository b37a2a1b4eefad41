using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Tests.Cluster.Infrastructure;

/// <summary>
/// Passes everything to an inner store, except the writes a test arms it to break: either the write is lost
/// (nothing stored, error reported) or it lands and the answer is lost (stored, error reported) — the two sides of
/// an in-doubt commit.
/// </summary>
public sealed class FaultyPoolStore(IPoolStore inner) : IPoolStore
{
    public enum Fault
    {
        LoseWrite,
        LoseAnswer,
    }

    private readonly Lock gate = new();
    private readonly Queue<(string Pool, Fault Fault)> armed = new();

    public IPoolStore Inner => inner;

    /// <summary>Breaks the next write to <paramref name="pool"/> in the given way.</summary>
    public void Arm(string pool, Fault fault)
    {
        lock (gate)
        {
            armed.Enqueue((pool, fault));
        }
    }

    public Task<PoolSnapshot?> LoadAsync(string pool, CancellationToken cancellationToken = default) => inner.LoadAsync(pool, cancellationToken);

    public async Task<long> WriteAsync(string pool, long expectedVersion, PoolWrite write, CancellationToken cancellationToken = default)
    {
        Fault? fault = null;
        lock (gate)
        {
            if (armed.TryPeek(out var next) && next.Pool == pool)
            {
                fault = armed.Dequeue().Fault;
            }
        }

        switch (fault)
        {
            case Fault.LoseWrite:
                throw new IOException($"injected: write to pool '{pool}' lost");
            case Fault.LoseAnswer:
                await inner.WriteAsync(pool, expectedVersion, write, cancellationToken);
                throw new IOException($"injected: write to pool '{pool}' landed but its answer was lost");
            default:
                return await inner.WriteAsync(pool, expectedVersion, write, cancellationToken);
        }
    }

    public Task DeleteAsync(string pool, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(pool, expectedVersion, cancellationToken);

    public Task<IReadOnlyList<PoolHeadRecord>> ListHeadsAsync(CancellationToken cancellationToken = default) => inner.ListHeadsAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) => inner.ListPoolsAsync(cancellationToken);

    /// <summary>Writes as another activation of the pool would, moving the stored version under the live one.</summary>
    public async Task WriteBehindTheGrainsBackAsync(string pool, HeldAddress row)
    {
        var snapshot = await inner.LoadAsync(pool) ?? throw new InvalidOperationException($"pool '{pool}' is not stored");
        await inner.WriteAsync(pool, snapshot.Version, new PoolWrite(null, [row], Array.Empty<IpAddr>()));
    }
}
