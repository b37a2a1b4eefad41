using Spiderpool.Grains.Interfaces.Pools;

namespace Spiderpool.Grains.Pools;

/// <summary>The small, rarely written part of a pool's stored state (the store keeps it as JSON).</summary>
internal sealed record PoolHead
{
    public PoolSpec Spec { get; init; } = new();
    public IReadOnlyList<string> Reserved { get; init; } = [];
    public bool Terminating { get; init; }
}
