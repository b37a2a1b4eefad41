using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// The answer of <see cref="IIPPoolGrain.AllocateAsync"/>; only returned once the allocation is durable.
/// <see cref="Reused"/> is true when the holder already held <see cref="Address"/> (a repeated request). A refusal's
/// <see cref="Message"/> says why without naming the pool ("is exhausted: ..."): the caller names it, once.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolAllocateResult")]
public sealed record PoolAllocateResult
{
    [Id(0)] public PoolAllocateOutcome Outcome { get; init; }
    [Id(1)] public IpAddr? Address { get; init; }
    [Id(2)] public int PrefixLength { get; init; }
    [Id(3)] public string? Gateway { get; init; }
    [Id(4)] public IReadOnlyList<PoolRoute> Routes { get; init; } = [];
    [Id(5)] public bool Reused { get; init; }
    [Id(6)] public string Message { get; init; } = "";
    [Id(7)] public IpFamily Family { get; init; }
}
