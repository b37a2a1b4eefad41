namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>
/// The interfaces removed from the record (durably) by a release, with the pod uid they were held under: the
/// caller releases exactly these addresses from their pools. Empty when nothing matched (already released).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.WorkloadReleaseResult")]
public sealed record WorkloadReleaseResult(
    [property: Id(0)] string PodUid,
    [property: Id(1)] IReadOnlyList<WorkloadNic> Removed);
