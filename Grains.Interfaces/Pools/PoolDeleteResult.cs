namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// <see cref="Deleted"/> when the pool held nothing and is gone; otherwise it is terminating and
/// <see cref="StillHeld"/> addresses must be released first (Spiderpool's finalizer behaviour, spec §1.1.5).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolDeleteResult")]
public sealed record PoolDeleteResult([property: Id(0)] bool Deleted, [property: Id(1)] long StillHeld);
