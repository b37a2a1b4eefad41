namespace Spiderpool.Grains.Interfaces.Reserved;

/// <summary>
/// Result of a SpiderReservedIP change. Refused (<see cref="Accepted"/> false): nothing changed, <see cref="Error"/>
/// says what to fix. Accepted: <see cref="AlreadyHeld"/> lists reserved addresses pods hold now — reserving never
/// takes an address away; it is not handed out again once released. <see cref="PoolsNotUpdated"/> names pools that
/// could not be told yet (they learn it on their next spec change or activation).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.ReservedIpResult")]
public sealed record ReservedIpResult
{
    [Id(0)] public bool Accepted { get; init; }
    [Id(1)] public string? Error { get; init; }
    [Id(2)] public IReadOnlyList<ReservedHolding> AlreadyHeld { get; init; } = [];
    [Id(3)] public IReadOnlyList<string> PoolsNotUpdated { get; init; } = [];
}
