using System.Net;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class RouteMessageTests
{
    [Fact]
    public void AddViaGatewayInACustomTable_IsByteForByteWhatIproute2Sends()
    {
        // `ip route add 10.9.0.0/16 via 10.1.2.1 dev vh0 table 300 metric 50`: rtm_table 0 (RT_TABLE_UNSPEC)
        // and RTA_TABLE 300, protocol boot (3), scope universe, type unicast.
        var spec = new RouteSpec(IPNetwork.Parse("10.9.0.0/16")) { Gateway = IPAddress.Parse("10.1.2.1"), Device = 3, Table = 300, Priority = 50 };

        var message = LinkRequestTests.Encode(b => RouteRequests.New(b, spec, 3, replace: false));

        Assert.Equal(
            ToHex(Hex(
                "44000000 1800 0506 01000000 00000000" + "02 10 00 00 00 03 00 01 00000000" +
                "0800 0100 0a090000" + "0800 0500 0a010201" + "0800 0f00 2c010000" + "0800 0600 32000000" + "0800 0400 03000000")),
            ToHex(message));
    }

    [Fact]
    public void AddDeviceRoute_IsByteForByteWhatIproute2Sends()
    {
        // `ip route add 10.8.0.0/16 dev vh0`: main table in rtm_table, scope link because there is no gateway.
        var message = LinkRequestTests.Encode(b => RouteRequests.New(b, new RouteSpec(IPNetwork.Parse("10.8.0.0/16")) { Device = 3 }, 3, replace: false));

        Assert.Equal(
            ToHex(Hex("2c000000 1800 0506 01000000 00000000" + "02 10 00 00 fe 03 fd 01 00000000" + "0800 0100 0a080000" + "0800 0400 03000000")),
            ToHex(message));
    }

    [Fact]
    public void Delete_IsByteForByteWhatIproute2Sends()
    {
        // `ip route del 10.8.0.0/16 dev vh0`: protocol and type 0 and scope RT_SCOPE_NOWHERE are wildcards.
        var message = LinkRequestTests.Encode(b => RouteRequests.Delete(b, new RouteSpec(IPNetwork.Parse("10.8.0.0/16")) { Device = 3 }, 3));

        Assert.Equal(
            ToHex(Hex("2c000000 1900 0500 01000000 00000000" + "02 10 00 00 fe 00 ff 00 00000000" + "0800 0100 0a080000" + "0800 0400 03000000")),
            ToHex(message));
    }

    [Fact]
    public void ReplaceIPv6DefaultOnLinkWithMtu_NestsTheMetricAndOmitsTheDestination()
    {
        var spec = new RouteSpec(IPNetwork.Parse("::/0"))
        {
            Gateway = IPAddress.Parse("fe80::1"),
            Device = 2,
            Mtu = 1280,
            OnLink = true,
            Protocol = RouteProtocol.Static,
        };

        var message = LinkRequestTests.Encode(b => RouteRequests.New(b, spec, 2, replace: true));

        Assert.Equal(
            ToHex(Hex(
                "44000000 1800 0505 01000000 00000000" + "0a 00 00 00 fe 04 00 01 04000000" +
                "1400 0500 fe800000000000000000000000000001" + "0800 0400 02000000" + "0c00 0800 0800 0200 00050000")),
            ToHex(message));
    }

    [Fact]
    public void TableUpTo255_TravelsOnlyInTheHeader()
    {
        var message = LinkRequestTests.Encode(b => RouteRequests.New(b, new RouteSpec(IPNetwork.Parse("10.0.0.0/8")) { Table = 100, Type = RouteType.Blackhole }, 0, replace: false));

        Assert.Equal(ToHex(Hex("24000000 1800 0506 01000000 00000000" + "02 08 00 00 64 03 00 06 00000000" + "0800 0100 0a000000")), ToHex(message));
    }

    [Theory]
    [InlineData(RouteType.Unicast, false, RouteScope.Link)]
    [InlineData(RouteType.Unicast, true, RouteScope.Universe)]
    [InlineData(RouteType.Local, false, RouteScope.Host)]
    [InlineData(RouteType.Broadcast, false, RouteScope.Link)]
    [InlineData(RouteType.Blackhole, false, RouteScope.Universe)]
    public void DefaultScope_FollowsIproute2(RouteType type, bool hasGateway, RouteScope expected)
    {
        Assert.Equal(expected, RouteRequests.DefaultScope(type, hasGateway));
    }

    [Fact]
    public void CapturedDump_DecodesTheCustomTableRoute()
    {
        var route = Assert.IsType<Route>(Assert.Single(NetlinkDatagram.Decode(CapturedReplies.RouteDump)));

        // rtm_table says 252 (RT_TABLE_COMPAT) for ids above 255; RTA_TABLE has the real one.
        Assert.Equal(
            new Route(IPNetwork.Parse("10.9.0.0/16"))
            {
                Gateway = IPAddress.Parse("10.1.2.1"),
                OutputIndex = 3,
                Table = 300,
                Priority = 50,
                Protocol = RouteProtocol.Boot,
                Scope = RouteScope.Universe,
                Type = RouteType.Unicast,
            },
            route);
        Assert.True(Assert.IsType<Spiderpool.Netlink.Protocol.NetlinkAck>(Assert.Single(NetlinkDatagram.Decode(CapturedReplies.RouteDumpDone))).IsSuccess);
    }

    [Fact]
    public void Multipath_CountsItsNexthops()
    {
        var payload = Hex(
            "02 18 00 00 fe 03 00 01 00000000" + "0800 0100 0a010200" +
            "2400 0900" + "1000 00 00 03000000 0800 0500 0a000001" + "1000 00 00 04000000 0800 0500 0a000101");

        var route = RouteDecoder.Decode(payload);

        Assert.NotNull(route);
        Assert.Equal(2, route.MultipathCount);
        Assert.Null(route.OutputIndex);
    }

    [Fact]
    public void AGatewayOfTheWrongFamily_IsADecodeError()
    {
        var payload = Hex("02 00 00 00 fe 03 00 01 00000000" + "1400 0500 fe800000000000000000000000000001");

        Assert.Throws<Spiderpool.Netlink.NetlinkDecodeException>(() => RouteDecoder.Decode(payload));
    }

    [Fact]
    public void AFamilyWeDoNotModel_IsSkipped()
    {
        Assert.Null(RouteDecoder.Decode(Hex("1c 00 00 00 fe 03 00 01 00000000")));
    }
}
