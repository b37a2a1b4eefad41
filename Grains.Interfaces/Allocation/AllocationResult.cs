using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// Result of an allocation. On <see cref="AllocationOutcome.Allocated"/>, <see cref="Nics"/> holds every requested
/// interface (with routes, including the default route unless clean-gateway). Otherwise <see cref="Message"/> says
/// what went wrong and <see cref="Rejections"/> lists every candidate pool considered and why it gave nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.AllocationResult")]
public sealed record AllocationResult
{
    [Id(0)] public AllocationOutcome Outcome { get; init; }
    [Id(1)] public string Message { get; init; } = "";
    [Id(2)] public IReadOnlyList<WorkloadNic> Nics { get; init; } = [];
    [Id(3)] public IReadOnlyList<PoolRejection> Rejections { get; init; } = [];
    /// <summary>True when every interface was already recorded (a repeated request).</summary>
    [Id(4)] public bool Reused { get; init; }
}
