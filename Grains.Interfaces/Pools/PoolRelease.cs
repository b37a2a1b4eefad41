using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>Release of one address, matched on (address, pod uid) as Spiderpool does (spec §3.7): never on name alone.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolRelease")]
public sealed record PoolRelease([property: Id(0)] IpAddr Address, [property: Id(1)] string PodUid);
