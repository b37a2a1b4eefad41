namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// Summary of a pool, like SpiderIPPool's status: <see cref="TotalIpCount"/> = |ips − excludeIPs| saturated at
/// 2^63−1 (spec §1.1.2), <see cref="AllocatedIpCount"/> = held addresses, <see cref="FreeIpCount"/> = what can still
/// be handed out (also minus reserved and held addresses).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolStatus")]
public sealed record PoolStatus
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public PoolSpec? Spec { get; init; }
    [Id(2)] public long TotalIpCount { get; init; }
    [Id(3)] public long AllocatedIpCount { get; init; }
    [Id(4)] public long FreeIpCount { get; init; }
    [Id(5)] public IReadOnlyList<string> Reserved { get; init; } = [];
    [Id(6)] public bool Terminating { get; init; }
}
