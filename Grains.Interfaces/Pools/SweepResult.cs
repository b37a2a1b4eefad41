using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// What a consistency sweep of one pool did: <see cref="Examined"/> held addresses older than the grace period were
/// checked against their pods' workload records, <see cref="Released"/> were held by nobody's record and freed.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.SweepResult")]
public sealed record SweepResult(
    [property: Id(0)] int Examined,
    [property: Id(1)] IReadOnlyList<IpAddr> Released);
