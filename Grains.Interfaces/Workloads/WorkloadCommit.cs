namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>
/// An allocation to record. <see cref="Deadline"/>: the workload refuses to record after it, so an address the
/// consistency sweep finds unrecorded after its grace period (longer than any deadline) can never be recorded later.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.WorkloadCommit")]
public sealed record WorkloadCommit(
    [property: Id(0)] string PodUid,
    [property: Id(1)] string Node,
    [property: Id(2)] IReadOnlyList<WorkloadNic> Nics,
    [property: Id(3)] DateTimeOffset Deadline);
