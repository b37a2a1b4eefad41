using System.Net;
using System.Net.Sockets;

namespace Spiderpool.Netlink.Routes;

/// <summary>A route as the kernel reports it (RTM_NEWROUTE in a dump).</summary>
public sealed record Route(IPNetwork Destination)
{
    public AddressFamily Family => Destination.BaseAddress.AddressFamily;

    public IPAddress? Gateway { get; init; }

    /// <summary>RTA_OIF, or null for routes without a device (blackhole, multipath).</summary>
    public int? OutputIndex { get; init; }

    public IPAddress? PreferredSource { get; init; }

    /// <summary>RTA_TABLE when present (always, on current kernels), otherwise rtm_table.</summary>
    public uint Table { get; init; }

    public RouteScope Scope { get; init; }

    public RouteProtocol Protocol { get; init; }

    public RouteType Type { get; init; }

    public uint? Priority { get; init; }

    public uint? Mtu { get; init; }

    /// <summary>rtm_flags (RTNH_F_ONLINK = 4, RTM_F_CLONED = 0x200, ...).</summary>
    public uint Flags { get; init; }

    /// <summary>Number of next hops in RTA_MULTIPATH (ECMP), or 0 for a single-path route.</summary>
    public int MultipathCount { get; init; }
}
