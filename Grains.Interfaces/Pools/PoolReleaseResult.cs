using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// What a release did, once durable. <see cref="NotHeld"/> lists addresses nobody held (already released: success);
/// <see cref="HeldByOther"/> lists addresses held under another pod uid, which were left alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolReleaseResult")]
public sealed record PoolReleaseResult(
    [property: Id(0)] IReadOnlyList<IpAddr> Released,
    [property: Id(1)] IReadOnlyList<IpAddr> NotHeld,
    [property: Id(2)] IReadOnlyList<IpAddr> HeldByOther);
