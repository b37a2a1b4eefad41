namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>The pod-side record of an allocation (like SpiderEndpoint <c>status.current</c>).</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.WorkloadRecord")]
public sealed record WorkloadRecord
{
    [Id(0)] public string PodUid { get; init; } = "";
    [Id(1)] public string Node { get; init; } = "";
    [Id(2)] public IReadOnlyList<WorkloadNic> Nics { get; init; } = [];
    [Id(3)] public DateTimeOffset UpdatedAt { get; init; }
}
