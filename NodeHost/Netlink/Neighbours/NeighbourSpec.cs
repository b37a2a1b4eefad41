using System.Net;
using System.Net.NetworkInformation;

namespace Spiderpool.Netlink.Neighbours;

/// <summary>A neighbour entry to add, replace or delete: <c>ip neigh add Address lladdr LinkLayerAddress dev Link nud State</c>.</summary>
public sealed record NeighbourSpec(LinkRef Link, IPAddress Address)
{
    /// <summary>NDA_LLADDR; required to add an entry in a state other than incomplete/failed, ignored on delete.</summary>
    public PhysicalAddress? LinkLayerAddress { get; init; }

    public NeighbourState State { get; init; } = NeighbourState.Permanent;

    public override string ToString() =>
        $"{Address}{(LinkLayerAddress is { } mac ? $" lladdr {MacText.Format(mac)}" : string.Empty)} on {Link}";
}
