namespace Spiderpool.Grains.Persistence;

/// <summary>What <see cref="IPoolStore.LoadAsync"/> returns: the head and every held address.</summary>
public sealed record PoolSnapshot(long Version, string HeadJson, IReadOnlyList<HeldAddress> Held);
