using System.Net;
using System.Net.Sockets;

namespace Spiderpool.Netlink.Routes;

/// <summary>
/// A route to add, replace or delete. Unset optional fields take <c>ip route</c>'s defaults on add (protocol boot,
/// type unicast, scope link for a route without gateway, universe with one) and act as wildcards on delete.
/// </summary>
/// <param name="Destination">The destination prefix; <c>0.0.0.0/0</c> or <c>::/0</c> for a default route.</param>
public sealed record RouteSpec(IPNetwork Destination)
{
    public AddressFamily Family => Destination.BaseAddress.AddressFamily;

    /// <summary>RTA_GATEWAY (next hop), same family as the destination.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>RTA_OIF: the output device.</summary>
    public LinkRef? Device { get; init; }

    /// <summary>RTA_PREFSRC: the source address for traffic this host originates along the route (<c>ip route … src</c>).</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>Routing table id (<see cref="RouteTable"/>); ids above 255 travel in RTA_TABLE.</summary>
    public uint Table { get; init; } = RouteTable.Main;

    public RouteScope? Scope { get; init; }

    public RouteProtocol? Protocol { get; init; }

    public RouteType? Type { get; init; }

    /// <summary>RTA_PRIORITY: the metric (<c>ip route … metric</c>); lower wins.</summary>
    public uint? Priority { get; init; }

    /// <summary>RTAX_MTU inside RTA_METRICS: the path MTU for this route.</summary>
    public uint? Mtu { get; init; }

    /// <summary>RTNH_F_ONLINK: use the gateway even if it is not in a connected prefix of the device.</summary>
    public bool OnLink { get; init; }
}
