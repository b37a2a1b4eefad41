using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>One held address of a pool and its holder, as reported by status queries.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolHolding")]
public sealed record PoolHolding(
    [property: Id(0)] IpAddr Address,
    [property: Id(1)] AddressHolder Holder,
    [property: Id(2)] DateTimeOffset Stamp);
