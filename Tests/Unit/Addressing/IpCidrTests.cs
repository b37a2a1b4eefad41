using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

public class IpCidrTests
{
    private static IpAddr A(string text) => IpAddr.Parse(text);

    [Theory]
    [InlineData("10.6.0.0/16", "10.6.0.0", 16, "10.6.0.0", "10.6.255.255")]
    [InlineData("172.18.40.0/24", "172.18.40.0", 24, "172.18.40.0", "172.18.40.255")]
    [InlineData("10.6.0.1/32", "10.6.0.1", 32, "10.6.0.1", "10.6.0.1")]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0, "0.0.0.0", "255.255.255.255")]
    [InlineData("fd00::/64", "fd00::", 64, "fd00::", "fd00::ffff:ffff:ffff:ffff")]
    [InlineData("fd00::1/128", "fd00::1", 128, "fd00::1", "fd00::1")]
    [InlineData("::/0", "::", 0, "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Parse_ReadsNetworkPrefixAndBlockBounds(string text, string network, int prefix, string first, string last)
    {
        Assert.True(IpCidr.TryParse(text, out var cidr, out var error), error);

        Assert.Equal(string.Empty, error);
        Assert.Equal(A(network), cidr.Value.Network);
        Assert.Equal(prefix, cidr.Value.PrefixLength);
        Assert.Equal(A(first), cidr.Value.First);
        Assert.Equal(A(last), cidr.Value.Last);
        Assert.True(cidr.Value.IsCanonical);
        Assert.Equal(text, cidr.Value.ToString());
    }

    [Fact]
    public void Parse_WhenHostBitsAreSet_SucceedsButIsNotCanonical()
    {
        Assert.True(IpCidr.TryParse("10.6.0.1/16", out var cidr, out _));

        Assert.False(cidr.Value.IsCanonical);
        Assert.Equal("10.6.0.1/16", cidr.Value.ToString());
        Assert.Equal("10.6.0.0/16", cidr.Value.Canonical.ToString());
        Assert.Equal(A("10.6.0.0"), cidr.Value.First);
        Assert.Equal(A("10.6.255.255"), cidr.Value.Last);
    }

    [Fact]
    public void Parse_WhenIpv6HostBitsAreSet_IsNotCanonical()
    {
        var cidr = IpCidr.Parse("fd00::1/64");

        Assert.False(cidr.IsCanonical);
        Assert.Equal("fd00::/64", cidr.Canonical.ToString());
    }

    [Fact]
    public void ToString_WritesTheAddressInCanonicalText()
    {
        Assert.Equal("fd00::/64", IpCidr.Parse("FD00:0:0:0::/64").ToString());
    }

    [Theory]
    [InlineData("", "'': empty CIDR; write a block such as 10.6.0.0/16 or fd00::/64")]
    [InlineData(null, "'': empty CIDR; write a block such as 10.6.0.0/16 or fd00::/64")]
    [InlineData("10.6.0.0", "'10.6.0.0': missing prefix length; write address/prefix such as 10.6.0.0/16")]
    [InlineData("10.6.0.0 /16", "'10.6.0.0 /16': spaces are not allowed in a CIDR")]
    [InlineData("10.6.0/16", "'10.6.0/16': '10.6.0' is not an IP address")]
    [InlineData("010.6.0.0/16", "'010.6.0.0/16': '010.6.0.0' is not an IP address")]
    [InlineData("fd00::%eth0/64", "'fd00::%eth0/64': 'fd00::%eth0' is not an IP address")]
    [InlineData("10.6.0.0/33", "'10.6.0.0/33': prefix length '33' must be a number from 0 to 32 for IPv4")]
    [InlineData("fd00::/129", "'fd00::/129': prefix length '129' must be a number from 0 to 128 for IPv6")]
    [InlineData("10.6.0.0/", "'10.6.0.0/': prefix length '' must be a number from 0 to 32 for IPv4")]
    [InlineData("10.6.0.0/-1", "'10.6.0.0/-1': prefix length '-1' must be a number from 0 to 32 for IPv4")]
    [InlineData("10.6.0.0/+8", "'10.6.0.0/+8': prefix length '+8' must be a number from 0 to 32 for IPv4")]
    [InlineData("10.6.0.0/16/8", "'10.6.0.0/16/8': prefix length '16/8' must be a number from 0 to 32 for IPv4")]
    [InlineData("10.6.0.0/99999999999", "'10.6.0.0/99999999999': prefix length '99999999999' must be a number from 0 to 32 for IPv4")]
    public void Parse_WhenTextIsInvalid_ReturnsErrorNamingTheValue(string? text, string expected)
    {
        Assert.False(IpCidr.TryParse(text, out var cidr, out var error));
        Assert.Null(cidr);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Contains_CoversTheWholeBlockIncludingNetworkAndBroadcast()
    {
        var cidr = IpCidr.Parse("172.18.40.0/24");

        Assert.True(cidr.Contains(A("172.18.40.0")));
        Assert.True(cidr.Contains(A("172.18.40.255")));
        Assert.False(cidr.Contains(A("172.18.41.0")));
        Assert.False(cidr.Contains(A("172.18.39.255")));
        Assert.False(cidr.Contains(A("::ac12:2801")));
    }

    [Fact]
    public void Contains_Range_RequiresBothEndsInside()
    {
        var cidr = IpCidr.Parse("fd00::/120");

        Assert.True(cidr.Contains(new IpRange(A("fd00::"), A("fd00::ff"))));
        Assert.False(cidr.Contains(new IpRange(A("fd00::f0"), A("fd00::100"))));
    }

    [Fact]
    public void ToRange_SpansFirstToLast()
    {
        Assert.Equal("10.6.0.0-10.6.255.255", IpCidr.Parse("10.6.0.1/16").ToRange().ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.6.0.0/16", true)]
    [InlineData("10.6.0.0/16", "10.0.0.0/8", true)]
    [InlineData("10.6.0.0/16", "10.6.0.0/16", true)]
    [InlineData("10.6.0.0/16", "10.7.0.0/16", false)]
    [InlineData("fd00::/64", "fd00::ff/128", true)]
    [InlineData("fd00::/64", "fd00:0:0:1::/64", false)]
    [InlineData("0.0.0.0/0", "::/0", false)]
    public void Overlaps_IsTrueWhenTheBlocksShareAnAddress(string left, string right, bool expected)
    {
        Assert.Equal(expected, IpCidr.Parse(left).Overlaps(IpCidr.Parse(right)));
    }

    [Fact]
    public void Constructor_RejectsAPrefixLongerThanTheFamily()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpCidr(A("10.0.0.0"), 33));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpCidr(A("fd00::"), -1));
    }
}
