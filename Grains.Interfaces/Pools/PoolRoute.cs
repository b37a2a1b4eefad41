namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>A route of a pool (SpiderIPPool <c>spec.routes[]</c>): destination CIDR via a gateway.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolRoute")]
public sealed record PoolRoute([property: Id(0)] string Dst, [property: Id(1)] string Gw);
