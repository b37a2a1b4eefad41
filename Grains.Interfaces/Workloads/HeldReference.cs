using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>A pool's claim that an address is held for a pod uid, checked against the workload record by the sweep.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.HeldReference")]
public sealed record HeldReference(
    [property: Id(0)] string Pool,
    [property: Id(1)] IpAddr Address,
    [property: Id(2)] string PodUid);
