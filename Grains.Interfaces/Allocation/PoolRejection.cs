using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>Why a candidate pool gave no address to an (interface, family).</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolRejection")]
public sealed record PoolRejection(
    [property: Id(0)] string IfName,
    [property: Id(1)] IpFamily Family,
    [property: Id(2)] string Pool,
    [property: Id(3)] string Reason);
