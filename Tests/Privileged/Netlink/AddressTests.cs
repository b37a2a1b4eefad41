using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Addresses;
using Spiderpool.Netlink.Links;
using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

public class AddressTests
{
    [Fact]
    public async Task IPv4AndIPv6Addresses_AreAddedListedPerLinkAndDeletedTwice()
    {
        await using var ns = await TestNamespace.CreateAsync("addr");
        var nl = ns.Netlink;
        var (a, b) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));
        nl.AddLink(new VethLinkSpec(a, b));
        nl.SetLinkUp(a);
        var v4 = new AddressSpec(a, IPAddress.Parse("10.20.30.4"), 24);
        var v6 = new AddressSpec(a, IPAddress.Parse("fd00:20:30::4"), 64) { Flags = AddressFlags.NoDad };

        nl.AddAddress(v4);
        nl.AddAddress(v6);
        nl.AddAddress(new AddressSpec(b, IPAddress.Parse("10.20.31.4"), 24));

        var onA = nl.ListAddresses(link: a);
        var ipv4 = Assert.Single(onA, x => x.Family == AddressFamily.InterNetwork);
        var global6 = Assert.Single(onA, x => x.Address.Equals(v6.Address));
        Assert.Equal(24, ipv4.PrefixLength);
        Assert.Equal(64, global6.PrefixLength);
        Assert.True((global6.Flags & AddressFlags.NoDad) != 0);
        Assert.False(global6.IsTentative); // NODAD: usable at once
        Assert.DoesNotContain(onA, x => x.Address.Equals(IPAddress.Parse("10.20.31.4")));
        Assert.All(nl.ListAddresses(AddressFamily.InterNetworkV6, a), x => Assert.Equal(AddressFamily.InterNetworkV6, x.Family));

        var ip = Assert.Single(IpCommand.Json(ns.Name, $"addr show dev {a}").Items()).GetProperty("addr_info").Items().ToList();
        Assert.Contains(ip, x => x.Text("local") == "10.20.30.4" && x.Number("prefixlen") == 24);
        Assert.Contains(ip, x => x.Text("local") == "fd00:20:30::4" && x.TryGetProperty("nodad", out _));

        var duplicate = Assert.Throws<NetlinkException>(() => nl.AddAddress(v4));
        Assert.Equal("EEXIST", duplicate.ErrnoName);
        Assert.StartsWith($"RTM_NEWADDR 10.20.30.4/24 on '{a}'", duplicate.Message, StringComparison.Ordinal);
        nl.ReplaceAddress(v4); // idempotent form

        Assert.True(nl.DeleteAddress(v4));
        Assert.False(nl.DeleteAddress(v4));
        Assert.True(nl.DeleteAddress(v6));
        Assert.False(nl.DeleteAddress(v6));
        Assert.DoesNotContain(nl.ListAddresses(link: a), x => x.Address.Equals(v4.Address) || x.Address.Equals(v6.Address));

        nl.DeleteLink(a);
        Assert.False(nl.DeleteAddress(v4)); // the link itself is gone
    }

    [Fact]
    public async Task AnIPv6AddressWithDad_StartsTentative()
    {
        await using var ns = await TestNamespace.CreateAsync("dad");
        var (a, b) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));
        ns.Netlink.AddLink(new VethLinkSpec(a, b));
        ns.Netlink.SetLinkUp(a);
        ns.Netlink.SetLinkUp(b);

        ns.Netlink.AddAddress(new AddressSpec(a, IPAddress.Parse("fd00:20:31::4"), 64));

        var address = Assert.Single(ns.Netlink.ListAddresses(AddressFamily.InterNetworkV6, a), x => x.Address.Equals(IPAddress.Parse("fd00:20:31::4")));
        Assert.True(address.IsTentative);
    }
}
