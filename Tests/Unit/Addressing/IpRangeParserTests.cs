using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

public class IpRangeParserTests
{
    [Theory]
    [InlineData("172.18.40.10", "172.18.40.10", "172.18.40.10")]
    [InlineData("172.18.40.1-172.18.40.9", "172.18.40.1", "172.18.40.9")]
    [InlineData("172.18.40.5-172.18.40.5", "172.18.40.5", "172.18.40.5")]
    [InlineData("0.0.0.0-255.255.255.255", "0.0.0.0", "255.255.255.255")]
    [InlineData("fd00::10", "fd00::10", "fd00::10")]
    [InlineData("fd00::1-fd00::9", "fd00::1", "fd00::9")]
    [InlineData("FD00:0:0:0:0:0:0:1-fd00::a", "fd00::1", "fd00::a")]
    [InlineData("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Parse_AcceptsAnAddressOrAnInclusiveRange(string text, string start, string end)
    {
        Assert.True(IpRangeParser.TryParseRange(text, out var range, out var error), error);
        Assert.Equal(string.Empty, error);
        Assert.Equal(IpAddr.Parse(start), range.Start);
        Assert.Equal(IpAddr.Parse(end), range.End);
    }

    [Theory]
    [InlineData("", "'': empty entry; write an address such as 10.0.0.1 or a range such as 10.0.0.1-10.0.0.9")]
    [InlineData(null, "'': empty entry; write an address such as 10.0.0.1 or a range such as 10.0.0.1-10.0.0.9")]
    [InlineData("10.0.0.9-10.0.0.1", "'10.0.0.9-10.0.0.1': range start is after its end")]
    [InlineData("fd00::9-fd00::1", "'fd00::9-fd00::1': range start is after its end")]
    [InlineData("10.0.0.1 - 10.0.0.5", "'10.0.0.1 - 10.0.0.5': spaces are not allowed; write a-b")]
    [InlineData("10.0.0.1- 10.0.0.5", "'10.0.0.1- 10.0.0.5': spaces are not allowed; write a-b")]
    [InlineData("fd00::1 -fd00::5", "'fd00::1 -fd00::5': spaces are not allowed; write a-b")]
    [InlineData(" 10.0.0.1", "' 10.0.0.1': spaces are not allowed; write the address alone")]
    [InlineData("10.0.0.1\t", "'10.0.0.1\t': spaces are not allowed; write the address alone")]
    [InlineData("10.0.0.1-10.0.0.2-10.0.0.3", "'10.0.0.1-10.0.0.2-10.0.0.3': more than one '-'; a range is exactly start-end")]
    [InlineData("10.0.0.1--10.0.0.3", "'10.0.0.1--10.0.0.3': more than one '-'; a range is exactly start-end")]
    [InlineData("-10.0.0.5", "'-10.0.0.5': range start is missing; write start-end")]
    [InlineData("10.0.0.1-", "'10.0.0.1-': range end is missing; write start-end")]
    [InlineData("fd00::1-", "'fd00::1-': range end is missing; write start-end")]
    [InlineData("-", "'-': range start is missing; write start-end")]
    [InlineData("10.0.0.1-fd00::1", "'10.0.0.1-fd00::1': range mixes IPv4 and IPv6; both ends must be of one family")]
    [InlineData("fd00::1-10.0.0.1", "'fd00::1-10.0.0.1': range mixes IPv4 and IPv6; both ends must be of one family")]
    [InlineData("10.0.0.256", "'10.0.0.256': not an IP address; IPv4 needs four decimal parts 0-255 without leading zeros")]
    [InlineData("10.1", "'10.1': not an IP address; IPv4 needs four decimal parts 0-255 without leading zeros")]
    [InlineData("10", "'10': not an IP address; IPv4 needs four decimal parts 0-255 without leading zeros")]
    [InlineData("010.0.0.1", "'010.0.0.1': not an IP address; IPv4 needs four decimal parts 0-255 without leading zeros")]
    [InlineData("10.0.0.1.", "'10.0.0.1.': not an IP address; IPv4 needs four decimal parts 0-255 without leading zeros")]
    [InlineData("0x0a.0.0.1", "'0x0a.0.0.1': not an IP address")]
    [InlineData("host.example", "'host.example': not an IP address")]
    [InlineData("fd00::g", "'fd00::g': not an IP address")]
    [InlineData("fd00:::1", "'fd00:::1': not an IP address")]
    [InlineData("[fd00::1]", "'[fd00::1]': not an IP address")]
    [InlineData("10.0.0.1-10.0.0.x", "'10.0.0.1-10.0.0.x': '10.0.0.x' is not an IP address")]
    [InlineData("10.0.0.1-10.0.1", "'10.0.0.1-10.0.1': '10.0.1' is not an IP address; IPv4 needs four decimal parts 0-255 without leading zeros")]
    [InlineData("fd00::1-fd00::zz", "'fd00::1-fd00::zz': 'fd00::zz' is not an IP address")]
    [InlineData("10.0.0.0/24", "'10.0.0.0/24': CIDR notation is not allowed here; write the range 10.0.0.0-10.0.0.255")]
    [InlineData("fd00::/120", "'fd00::/120': CIDR notation is not allowed here; write the range fd00::-fd00::ff")]
    [InlineData("10.0.0.1/33", "'10.0.0.1/33': a prefix is not allowed here; write an address or a range a-b")]
    [InlineData("fe80::1%eth0", "'fe80::1%eth0': a zone index (%...) is not allowed; write the address without it")]
    public void Parse_WhenEntryIsInvalid_ReturnsErrorNamingTheValue(string? text, string expected)
    {
        Assert.False(IpRangeParser.TryParseRange(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_WhenRangeStartAfterEnd_ReturnsErrorNamingTheValue()
    {
        Assert.False(IpRangeParser.TryParseRange("10.0.0.9-10.0.0.1", out _, out var error));
        Assert.Equal("'10.0.0.9-10.0.0.1': range start is after its end", error);
    }

    [Fact]
    public void ParseList_WhenIpv6AddressInIpv4List_ReturnsErrorNamingTheValue()
    {
        Assert.False(IpRangeParser.TryParseList(["10.0.0.1", "fd00::1"], IpFamily.V4, out var set, out var error));
        Assert.Equal("'fd00::1': IPv6 address in an IPv4 list", error);
        Assert.Equal(IpRangeSet.Empty, set);
    }

    [Fact]
    public void ParseList_WhenIpv4RangeInIpv6List_ReturnsErrorNamingTheValue()
    {
        Assert.False(IpRangeParser.TryParseList(["10.0.0.1-10.0.0.5"], IpFamily.V6, out _, out var error));
        Assert.Equal("'10.0.0.1-10.0.0.5': IPv4 range in an IPv6 list", error);
    }

    [Fact]
    public void ParseList_WithoutExpectedFamily_TakesTheFirstEntrysFamilyAndRejectsTheOther()
    {
        Assert.False(IpRangeParser.TryParseList(["fd00::1", "fd00::3-fd00::4", "10.0.0.1"], null, out _, out var error));
        Assert.Equal("'10.0.0.1': IPv4 address in an IPv6 list", error);
    }

    [Fact]
    public void ParseList_StopsAtTheFirstInvalidEntry()
    {
        Assert.False(IpRangeParser.TryParseList(["10.0.0.1", "10.0.0.9-10.0.0.2", "nonsense"], IpFamily.V4, out _, out var error));
        Assert.Equal("'10.0.0.9-10.0.0.2': range start is after its end", error);
    }

    [Fact]
    public void ParseList_MergesOverlappingAndRepeatedEntries()
    {
        Assert.True(IpRangeParser.TryParseList(
            ["172.18.40.10", "172.18.40.1-172.18.40.9", "172.18.40.5", "172.18.40.20-172.18.40.30", "172.18.40.25-172.18.40.40"],
            IpFamily.V4,
            out var set,
            out var error));
        Assert.Equal(string.Empty, error);
        Assert.Equal(["172.18.40.1-172.18.40.10", "172.18.40.20-172.18.40.40"], set.ToStrings());
        Assert.Equal(IpFamily.V4, set.Family);
    }

    [Fact]
    public void ParseList_OfNoEntries_IsTheEmptySet()
    {
        Assert.True(IpRangeParser.TryParseList([], IpFamily.V6, out var set, out var error));
        Assert.Equal(string.Empty, error);
        Assert.Equal(IpRangeSet.Empty, set);
    }

    [Fact]
    public void ParseList_NormalisesIpv6TextToRfc5952()
    {
        Assert.True(IpRangeParser.TryParseList(["FD00:0000::0001-fd00::0:2", "fd00::3"], IpFamily.V6, out var set, out var error), error);
        Assert.Equal(["fd00::1-fd00::3"], set.ToStrings());
    }

    [Theory]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::ffff:010.0.0.1", null)]
    [InlineData("fd00::10.0.0.1", "fd00::a00:1")]
    [InlineData("00.0.0.0", null)]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("1.2.3.04", null)]
    public void IpAddrParse_FollowsGoRulesForDottedParts(string text, string? expected)
    {
        // .NET reads "010" as octal 8; Go refuses it, and so must we, or a pool would mean different addresses here.
        var ok = IpAddr.TryParse(text, out var address);

        Assert.Equal(expected is not null, ok);
        Assert.Equal(expected, address?.ToString());
    }
}
