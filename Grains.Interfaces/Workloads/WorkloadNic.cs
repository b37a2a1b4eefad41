namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>
/// One interface of a pod as recorded (SpiderEndpoint <c>status.current.ips[]</c>): which container (sandbox)
/// it was allocated for, its IPv4 and IPv6 addresses, routes, and whether the default route is left out.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.WorkloadNic")]
public sealed record WorkloadNic
{
    [Id(0)] public string IfName { get; init; } = "";
    [Id(1)] public string ContainerId { get; init; } = "";
    [Id(2)] public NicAddress? V4 { get; init; }
    [Id(3)] public NicAddress? V6 { get; init; }
    [Id(4)] public IReadOnlyList<NicRoute> Routes { get; init; } = [];
    [Id(5)] public bool CleanGateway { get; init; }
    [Id(6)] public int Vlan { get; init; }
    /// <summary>The CNI network (configuration <c>name</c>) the interface was allocated for.</summary>
    [Id(7)] public string NetName { get; init; } = "";

    /// <summary>
    /// The item's index in the positional form of <c>ipam.spidernet.io/ippools</c> (null otherwise). An item no ADD
    /// has claimed yet is recorded under <see cref="Placeholder"/> of its index.
    /// </summary>
    [Id(8)] public int? Position { get; init; }

    /// <summary>True for a positional item no ADD has claimed yet.</summary>
    public bool Unclaimed => Position is int position && IfName == Placeholder(position);

    /// <summary>
    /// The name an unclaimed positional item is recorded under: <c>#</c> and its index, which no CNI runtime uses
    /// for an interface and which keeps the item's pool reservations apart (a pool answers per pod and interface).
    /// </summary>
    public static string Placeholder(int position) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{position}");

    /// <summary>Value equality, routes compared element by element (a record would compare the list reference).</summary>
    public bool Equals(WorkloadNic? other) =>
        other is not null && IfName == other.IfName && ContainerId == other.ContainerId && V4 == other.V4 && V6 == other.V6 &&
        CleanGateway == other.CleanGateway && Vlan == other.Vlan && NetName == other.NetName && Position == other.Position &&
        Routes.SequenceEqual(other.Routes);

    public override int GetHashCode() => HashCode.Combine(IfName, ContainerId, V4, V6, CleanGateway, Vlan, Routes.Count);

    public IEnumerable<NicAddress> Addresses()
    {
        if (V4 is not null)
        {
            yield return V4;
        }

        if (V6 is not null)
        {
            yield return V6;
        }
    }
}
