using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// Result of a spec or reserved-IP change. A rejected change (<see cref="Accepted"/> false) changed nothing and
/// <see cref="Error"/> says what to fix. An accepted change never takes an address from its holder:
/// <see cref="HeldOutsideSpec"/> lists held addresses that are no longer allocatable (outside <c>ips</c>, excluded
/// or reserved); they stay with their holder and are not handed out again once released.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.SetSpecResult")]
public sealed record SetSpecResult
{
    [Id(0)] public bool Accepted { get; init; }
    [Id(1)] public string? Error { get; init; }
    [Id(2)] public IReadOnlyList<IpAddr> HeldOutsideSpec { get; init; } = [];
    [Id(3)] public long TotalIpCount { get; init; }

    public static SetSpecResult Rejected(string error) => new() { Accepted = false, Error = error };
}
