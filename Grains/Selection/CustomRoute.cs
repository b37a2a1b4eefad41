using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// A route from <c>ipam.spidernet.io/routes</c>. <see cref="Dst"/> is kept canonical (host bits cleared), which is what
/// Go's net.ParseCIDR hands to netlink upstream. Which NIC gets it is decided after allocation (<see cref="RouteAttacher"/>).
/// </summary>
public sealed record CustomRoute(IpCidr Dst, IpAddr Gw)
{
    public IpFamily Family => Gw.Family;

    public NicRoute ToNicRoute() => new(Dst.ToString(), Gw.ToString());

    public override string ToString() => $"{Dst} via {Gw}";
}
