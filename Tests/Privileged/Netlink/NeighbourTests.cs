using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Neighbours;
using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

public class NeighbourTests
{
    [Fact]
    public async Task NeighbourEntries_AreAddedListedReplacedAndDeletedTwice()
    {
        await using var ns = await TestNamespace.CreateAsync("neigh");
        var nl = ns.Netlink;
        var (a, b) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));
        nl.AddLink(new VethLinkSpec(a, b));
        nl.SetLinkUp(a);
        var v4 = new NeighbourSpec(a, IPAddress.Parse("10.70.0.9")) { LinkLayerAddress = PhysicalAddress.Parse("02-00-00-00-00-09") };
        var v6 = new NeighbourSpec(a, IPAddress.Parse("fd00:70::9")) { LinkLayerAddress = PhysicalAddress.Parse("02-00-00-00-00-0a"), State = NeighbourState.Reachable };

        nl.AddNeighbour(v4);
        nl.AddNeighbour(v6);

        var entries = nl.ListNeighbours(link: a);
        var entry4 = Assert.Single(entries, n => n.Address.Equals(v4.Address));
        Assert.Equal(NeighbourState.Permanent, entry4.State);
        Assert.Equal(v4.LinkLayerAddress, entry4.LinkLayerAddress);
        Assert.Equal(v6.LinkLayerAddress, Assert.Single(nl.ListNeighbours(AddressFamily.InterNetworkV6, a), n => n.Address.Equals(v6.Address)).LinkLayerAddress);

        var ip = IpCommand.Json(ns.Name, $"neigh show dev {a}").Items().ToList();
        Assert.Contains(ip, n => n.Text("dst") == "10.70.0.9" && n.Text("lladdr") == "02:00:00:00:00:09" && n.GetProperty("state")[0].GetString() == "PERMANENT");
        Assert.Contains(ip, n => n.Text("dst") == "fd00:70::9" && n.Text("lladdr") == "02:00:00:00:00:0a");

        Assert.Equal("EEXIST", Assert.Throws<NetlinkException>(() => nl.AddNeighbour(v4)).ErrnoName);
        nl.ReplaceNeighbour(v4 with { LinkLayerAddress = PhysicalAddress.Parse("02-00-00-00-00-0b") });
        Assert.Equal(PhysicalAddress.Parse("02-00-00-00-00-0B"), Assert.Single(nl.ListNeighbours(AddressFamily.InterNetwork, a), n => n.Address.Equals(v4.Address)).LinkLayerAddress);

        Assert.True(nl.DeleteNeighbour(v4));
        Assert.False(nl.DeleteNeighbour(v4));
        Assert.True(nl.DeleteNeighbour(v6));
        Assert.False(nl.DeleteNeighbour(v6));
        Assert.False(nl.DeleteNeighbour(v4 with { Link = "gone0" }));
    }
}
