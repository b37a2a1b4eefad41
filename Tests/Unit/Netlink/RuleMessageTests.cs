using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;
using Spiderpool.Netlink.Rules;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class RuleMessageTests
{
    [Fact]
    public void AddWithACustomTable_IsByteForByteWhatIproute2Sends()
    {
        // `ip rule add from 10.1.2.3/32 table 300 prio 100`: the header's table is 0 and FRA_TABLE carries 300.
        var spec = new RuleSpec(AddressFamily.InterNetwork) { From = IPNetwork.Parse("10.1.2.3/32"), Table = 300, Priority = 100 };

        var message = LinkRequestTests.Encode(b => RuleRequests.New(b, spec));

        Assert.Equal(
            ToHex(Hex("34000000 2000 0506 01000000 00000000" + "02 00 20 00 00 00 00 01 00000000" + "0800 0200 0a010203" + "0800 0f00 2c010000" + "0800 0600 64000000")),
            ToHex(message));
    }

    [Fact]
    public void AddWithASmallTable_IsByteForByteWhatIproute2Sends()
    {
        // `ip rule add from 10.1.2.3/32 table 100 prio 101`.
        var spec = new RuleSpec(AddressFamily.InterNetwork) { From = IPNetwork.Parse("10.1.2.3/32"), Table = 100, Priority = 101 };

        var message = LinkRequestTests.Encode(b => RuleRequests.New(b, spec));

        Assert.Equal(
            ToHex(Hex("2c000000 2000 0506 01000000 00000000" + "02 00 20 00 64 00 00 01 00000000" + "0800 0200 0a010203" + "0800 0600 65000000")),
            ToHex(message));
    }

    [Fact]
    public void DeleteIPv6ToWithInterfaces_CarriesEverySelector()
    {
        var spec = new RuleSpec(AddressFamily.InterNetworkV6)
        {
            To = IPNetwork.Parse("fd00::/64"),
            Table = 1000,
            Priority = 7,
            InputInterface = "eth0",
            FirewallMark = 0x10,
            Invert = true,
        };

        var message = LinkRequestTests.Encode(b => RuleRequests.Delete(b, spec));

        Assert.Equal(
            ToHex(Hex(
                "54000000 2100 0500 01000000 00000000" + "0a 40 00 00 00 00 00 01 02000000" +
                "1400 0100 fd000000000000000000000000000000" + "0800 0f00 e8030000" + "0800 0600 07000000" +
                "0900 0300 65746830 00 000000" + "0800 0a00 10000000")),
            ToHex(message));
    }

    [Fact]
    public void CapturedDump_DecodesTheDefaultRulesAndOurs()
    {
        var rules = NetlinkDatagram.Decode(CapturedReplies.RuleDump).OfType<Rule>().ToList();

        Assert.Equal([(0u, 255u), (100u, 300u), (32766u, 254u), (32767u, 253u)], rules.Select(r => (r.Priority, r.Table)));
        Assert.Equal(IPNetwork.Parse("10.1.2.3/32"), rules[1].From);
        Assert.Null(rules[0].From);
        Assert.Equal(RuleAction.ToTable, rules[1].Action);
        Assert.Equal(RouteProtocol.Kernel, rules[0].Protocol);
    }
}
