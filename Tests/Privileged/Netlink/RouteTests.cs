using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Addresses;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Routes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

public class RouteTests
{
    private const uint Table = 1000;

    [Fact]
    public async Task RoutesInACustomTable_AreAddedListedReplacedAndDeletedTwice()
    {
        await using var ns = await TestNamespace.CreateAsync("route");
        var nl = ns.Netlink;
        var (a, b) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));
        nl.AddLink(new VethLinkSpec(a, b));
        nl.SetLinkUp(a);
        nl.SetLinkUp(b);
        nl.AddAddress(new AddressSpec(a, IPAddress.Parse("10.40.0.2"), 24));
        nl.AddAddress(new AddressSpec(a, IPAddress.Parse("fd00:40::2"), 64) { Flags = AddressFlags.NoDad });

        var viaGateway = new RouteSpec(IPNetwork.Parse("10.41.0.0/16")) { Gateway = IPAddress.Parse("10.40.0.1"), Device = a, Table = Table, Priority = 50 };
        var defaultRoute = new RouteSpec(IPNetwork.Parse("0.0.0.0/0")) { Gateway = IPAddress.Parse("10.40.0.1"), Device = a, Table = Table, PreferredSource = IPAddress.Parse("10.40.0.2") };
        var onLink = new RouteSpec(IPNetwork.Parse("10.40.0.0/24")) { Device = a, Table = Table, PreferredSource = IPAddress.Parse("10.40.0.2") };
        var v6 = new RouteSpec(IPNetwork.Parse("fd00:41::/64")) { Gateway = IPAddress.Parse("fd00:40::1"), Device = a, Table = Table, Priority = 10, Mtu = 1280 };
        nl.AddRoute(viaGateway);
        nl.AddRoute(defaultRoute);
        nl.AddRoute(onLink);
        nl.AddRoute(v6);

        var index = nl.GetLink(a).Index;
        var v4Routes = nl.ListRoutes(AddressFamily.InterNetwork, Table);
        Assert.Equal(3, v4Routes.Count);
        var gw = Assert.Single(v4Routes, r => r.Destination == IPNetwork.Parse("10.41.0.0/16"));
        Assert.Equal(IPAddress.Parse("10.40.0.1"), gw.Gateway);
        Assert.Equal(index, gw.OutputIndex);
        Assert.Equal(50u, gw.Priority);
        Assert.Equal(Table, gw.Table);
        Assert.Equal(RouteProtocol.Boot, gw.Protocol);
        Assert.Equal(RouteScope.Universe, gw.Scope);
        var connected = Assert.Single(v4Routes, r => r.Destination == IPNetwork.Parse("10.40.0.0/24"));
        Assert.Equal(RouteScope.Link, connected.Scope);
        Assert.Equal(IPAddress.Parse("10.40.0.2"), connected.PreferredSource);
        Assert.Contains(v4Routes, r => r.Destination.PrefixLength == 0);
        var route6 = Assert.Single(nl.ListRoutes(AddressFamily.InterNetworkV6, Table));
        Assert.Equal(1280u, route6.Mtu);
        Assert.Equal(10u, route6.Priority);
        Assert.DoesNotContain(nl.ListRoutes(AddressFamily.InterNetwork, RouteTable.Main), r => r.Table == Table);

        var ip4 = IpCommand.Json(ns.Name, $"route show table {Table}").Items().ToList();
        Assert.Contains(ip4, r => r.Text("dst") == "10.41.0.0/16" && r.Text("gateway") == "10.40.0.1" && r.Number("metric") == 50 && r.Text("dev") == a);
        Assert.Contains(ip4, r => r.Text("dst") == "default" && r.Text("prefsrc") == "10.40.0.2");
        Assert.Contains(IpCommand.Json(ns.Name, $"-6 route show table {Table}").Items(), r => r.Text("dst") == "fd00:41::/64" && r.Text("gateway") == "fd00:40::1");

        Assert.Equal("EEXIST", Assert.Throws<NetlinkException>(() => nl.AddRoute(viaGateway)).ErrnoName);
        var replaced = viaGateway with { Gateway = IPAddress.Parse("10.40.0.3") };
        nl.ReplaceRoute(replaced);
        Assert.Equal(IPAddress.Parse("10.40.0.3"), Assert.Single(nl.ListRoutes(AddressFamily.InterNetwork, Table), r => r.Destination == viaGateway.Destination).Gateway);
        Assert.False(nl.DeleteRoute(viaGateway)); // the old gateway no longer matches

        foreach (var route in new[] { replaced, defaultRoute, onLink, v6 })
        {
            Assert.True(nl.DeleteRoute(route), $"delete {route.Destination}");
            Assert.False(nl.DeleteRoute(route), $"second delete {route.Destination}");
        }

        Assert.Empty(nl.ListRoutes(AddressFamily.InterNetwork, Table));
        Assert.False(nl.DeleteRoute(new RouteSpec(IPNetwork.Parse("10.99.0.0/16")) { Table = 4242 })); // no such table
        Assert.False(nl.DeleteRoute(new RouteSpec(IPNetwork.Parse("10.99.0.0/16")) { Device = "gone0", Table = Table }));
    }

    [Fact]
    public async Task ARouteThroughAnUnreachableGateway_IsRefusedWithTheKernelsReason()
    {
        await using var ns = await TestNamespace.CreateAsync("route");
        var (a, b) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));
        ns.Netlink.AddLink(new VethLinkSpec(a, b));
        ns.Netlink.SetLinkUp(a);

        var error = Assert.Throws<NetlinkException>(() =>
            ns.Netlink.AddRoute(new RouteSpec(IPNetwork.Parse("10.50.0.0/16")) { Gateway = IPAddress.Parse("192.0.2.1"), Device = a, Table = Table }));

        Assert.Equal("ENETUNREACH", error.ErrnoName);
        Assert.False(string.IsNullOrEmpty(error.KernelMessage), "the kernel explains nexthop errors with an extended ACK");
        Assert.EndsWith(": " + error.KernelMessage, error.Message, StringComparison.Ordinal);
    }
}
