using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// What a release freed. <see cref="PendingSweep"/> lists addresses whose pool could not be reached: the workload
/// no longer references them, so the consistency sweep frees them later. A release of nothing succeeds.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.ReleaseResult")]
public sealed record ReleaseResult(
    [property: Id(0)] IReadOnlyList<NicAddress> Released,
    [property: Id(1)] IReadOnlyList<NicAddress> PendingSweep);
