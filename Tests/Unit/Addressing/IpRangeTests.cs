using System.Numerics;
using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

public class IpRangeTests
{
    private static IpAddr A(string text) => IpAddr.Parse(text);

    [Fact]
    public void ToString_OfASingleAddress_IsTheAddressAlone()
    {
        Assert.Equal("10.0.0.1", IpRange.FromAddress(A("10.0.0.1")).ToString());
        Assert.Equal("fd00::1", new IpRange(A("fd00::1"), A("fd00::1")).ToString());
    }

    [Fact]
    public void ToString_OfARange_IsStartDashEndWithoutSpaces()
    {
        Assert.Equal("10.0.0.1-10.0.0.9", new IpRange(A("10.0.0.1"), A("10.0.0.9")).ToString());
        Assert.Equal("fd00::1-fd00::9", new IpRange(A("fd00::1"), A("fd00::9")).ToString());
    }

    [Fact]
    public void Constructor_WhenStartIsAfterEnd_Throws()
    {
        Assert.Throws<ArgumentException>(() => new IpRange(A("10.0.0.9"), A("10.0.0.1")));
    }

    [Fact]
    public void Constructor_WhenFamiliesDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new IpRange(A("10.0.0.1"), A("fd00::1")));
    }

    [Fact]
    public void Count_IncludesBothEnds()
    {
        Assert.Equal(new BigInteger(9), new IpRange(A("10.0.0.1"), A("10.0.0.9")).Count);
        Assert.Equal(BigInteger.One, IpRange.FromAddress(A("fd00::1")).Count);
    }

    [Fact]
    public void Count_OfTheWholeIpv6Space_DoesNotOverflow()
    {
        var all = new IpRange(A("::"), A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));

        Assert.Equal(BigInteger.Pow(2, 128), all.Count);
    }

    [Fact]
    public void Contains_IsInclusiveAndFamilyAware()
    {
        var range = new IpRange(A("10.0.0.1"), A("10.0.0.9"));

        Assert.True(range.Contains(A("10.0.0.1")));
        Assert.True(range.Contains(A("10.0.0.9")));
        Assert.False(range.Contains(A("10.0.0.10")));
        Assert.False(range.Contains(A("::a00:1")));
        Assert.True(range.Contains(new IpRange(A("10.0.0.2"), A("10.0.0.9"))));
        Assert.False(range.Contains(new IpRange(A("10.0.0.0"), A("10.0.0.2"))));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.5", "10.0.0.5", "10.0.0.9", true)]
    [InlineData("10.0.0.1", "10.0.0.4", "10.0.0.5", "10.0.0.9", false)]
    [InlineData("10.0.0.5", "10.0.0.9", "10.0.0.1", "10.0.0.5", true)]
    [InlineData("10.0.0.1", "10.0.0.9", "10.0.0.3", "10.0.0.4", true)]
    [InlineData("fd00::1", "fd00::5", "fd00::6", "fd00::9", false)]
    [InlineData("10.0.0.1", "10.0.0.9", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    public void Overlaps_IsTrueWhenTheRangesShareAnAddress(string s1, string e1, string s2, string e2, bool expected)
    {
        var left = new IpRange(A(s1), A(e1));
        var right = new IpRange(A(s2), A(e2));

        Assert.Equal(expected, left.Overlaps(right));
        Assert.Equal(expected, right.Overlaps(left));
    }
}
