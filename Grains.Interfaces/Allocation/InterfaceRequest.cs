namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// One interface of an allocation: ordered candidate pools per family (the first with a free address wins; an empty
/// list means that family is not allocated) and whether to leave out the default route.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.InterfaceRequest")]
public sealed record InterfaceRequest
{
    [Id(0)] public string IfName { get; init; } = "";
    [Id(1)] public IReadOnlyList<string> V4Pools { get; init; } = [];
    [Id(2)] public IReadOnlyList<string> V6Pools { get; init; } = [];
    [Id(3)] public bool CleanGateway { get; init; }

    /// <summary>The CNI network (configuration <c>name</c>) the interface belongs to; CNI GC is per network.</summary>
    [Id(4)] public string NetName { get; init; } = "";

    /// <summary>
    /// The item's index in the positional (no-name) form of <c>ipam.spidernet.io/ippools</c>; null otherwise. Items
    /// after the first carry a placeholder <see cref="IfName"/> (<see cref="Workloads.WorkloadNic.Placeholder"/>) until
    /// an ADD claims them with its real interface name (spec §3.8, form 3).
    /// </summary>
    [Id(5)] public int? Position { get; init; }

    /// <summary>A static IPv4 address asked for (CNI_ARGS <c>IP=</c> or <c>runtimeConfig.ips</c>): exactly it, or a refusal.</summary>
    [Id(6)] public Addressing.IpAddr? RequestedV4 { get; init; }

    /// <summary>A static IPv6 address asked for.</summary>
    [Id(7)] public Addressing.IpAddr? RequestedV6 { get; init; }

    public Addressing.IpAddr? Requested(Addressing.IpFamily family) => family == Addressing.IpFamily.V4 ? RequestedV4 : RequestedV6;
}
