using System.Numerics;
using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

public class IpRangeSetTests
{
    private static IpRangeSet Set(params string[] entries)
    {
        Assert.True(IpRangeParser.TryParseList(entries, null, out var set, out var error), error);
        return set;
    }

    private static IpAddr A(string text) => IpAddr.Parse(text);

    [Fact]
    public void FromRanges_MergesAdjacentRanges()
    {
        var set = Set("10.0.0.1-10.0.0.3", "10.0.0.4");

        Assert.Equal(["10.0.0.1-10.0.0.4"], set.ToStrings());
    }

    [Fact]
    public void FromRanges_MergesOverlappingAndUnsortedRanges()
    {
        var set = Set("10.0.0.9", "10.0.0.3-10.0.0.6", "10.0.0.1-10.0.0.4", "10.0.0.2");

        Assert.Equal(["10.0.0.1-10.0.0.6", "10.0.0.9"], set.ToStrings());
    }

    [Fact]
    public void FromRanges_WhenFamiliesMix_Throws()
    {
        var ranges = new[] { IpRange.FromAddress(A("10.0.0.1")), IpRange.FromAddress(A("fd00::1")) };

        Assert.Throws<ArgumentException>(() => IpRangeSet.FromRanges(ranges));
    }

    [Fact]
    public void FromAddresses_CollapsesRunsIntoRanges()
    {
        var set = IpRangeSet.FromAddresses([A("10.0.0.4"), A("10.0.0.1"), A("10.0.0.2"), A("10.0.0.3"), A("10.0.0.9"), A("10.0.0.1")]);

        Assert.Equal(["10.0.0.1-10.0.0.4", "10.0.0.9"], set.ToStrings());
        Assert.Equal(5, set.Count);
    }

    [Fact]
    public void Empty_HasNoFamilyNoRangesAndCountZero()
    {
        Assert.True(IpRangeSet.Empty.IsEmpty);
        Assert.Null(IpRangeSet.Empty.Family);
        Assert.Empty(IpRangeSet.Empty.Ranges);
        Assert.Equal(BigInteger.Zero, IpRangeSet.Empty.Count);
        Assert.Empty(IpRangeSet.Empty.ToStrings());
        Assert.Equal(IpRangeSet.Empty, IpRangeSet.FromRanges([]));
    }

    [Fact]
    public void Except_CutsHolesAndTrimsEnds()
    {
        var usable = Set("10.0.0.1-10.0.0.20").Except(Set("10.0.0.1", "10.0.0.5-10.0.0.6", "10.0.0.20-10.0.0.30"));

        Assert.Equal(["10.0.0.2-10.0.0.4", "10.0.0.7-10.0.0.19"], usable.ToStrings());
    }

    [Fact]
    public void Except_OneCutSpanningSeveralRanges_RemovesThemAll()
    {
        var result = Set("10.0.0.1-10.0.0.2", "10.0.0.4-10.0.0.5", "10.0.0.7-10.0.0.9").Except(Set("10.0.0.2-10.0.0.8"));

        Assert.Equal(["10.0.0.1", "10.0.0.9"], result.ToStrings());
    }

    [Fact]
    public void Intersect_KeepsOnlyCommonAddresses()
    {
        var result = Set("10.0.0.1-10.0.0.10", "10.0.0.20-10.0.0.30").Intersect(Set("10.0.0.5-10.0.0.25"));

        Assert.Equal(["10.0.0.5-10.0.0.10", "10.0.0.20-10.0.0.25"], result.ToStrings());
    }

    [Fact]
    public void Union_OfV4AndV6_Throws()
    {
        Assert.Throws<ArgumentException>(() => Set("10.0.0.1").Union(Set("fd00::1")));
    }

    [Fact]
    public void OperationsAcrossFamilies_TreatTheSetsAsDisjoint()
    {
        var v4 = Set("10.0.0.1-10.0.0.9");
        var v6 = Set("fd00::1-fd00::9");

        Assert.Equal(IpRangeSet.Empty, v4.Intersect(v6));
        Assert.Equal(v4, v4.Except(v6));
        Assert.False(v4.Overlaps(v6));
        Assert.False(v4.IsSubsetOf(v6));
        Assert.False(v4.Contains(A("fd00::1")));
        Assert.True(IpRangeSet.Empty.IsSubsetOf(v6));
    }

    [Fact]
    public void Union_WithEmpty_ReturnsTheOtherSet()
    {
        var v6 = Set("fd00::1-fd00::9");

        Assert.Equal(v6, v6.Union(IpRangeSet.Empty));
        Assert.Equal(v6, IpRangeSet.Empty.Union(v6));
    }

    [Fact]
    public void IsSubsetOf_IsFalseWhenARangeStraddlesAGap()
    {
        Assert.False(Set("10.0.0.3-10.0.0.6").IsSubsetOf(Set("10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.9")));
        Assert.True(Set("10.0.0.2-10.0.0.3", "10.0.0.7").IsSubsetOf(Set("10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.9")));
    }

    [Fact]
    public void Count_OfASlash8_Is2To24()
    {
        Assert.Equal(new BigInteger(1 << 24), Set("10.0.0.0-10.255.255.255").Count);
    }

    [Fact]
    public void Count_OfTheWholeIpv6Space_Is2To128_AndCountSaturatedStopsAtLongMax()
    {
        var all = Set("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

        Assert.Equal(BigInteger.Pow(2, 128), all.Count);
        Assert.Equal(long.MaxValue, all.CountSaturated);
    }

    [Fact]
    public void CountSaturated_ClampsAtLongMax_AndIsExactJustBelowIt()
    {
        Assert.Equal(long.MaxValue, Set("fd00::-fd00::ffff:ffff:ffff:ffff").CountSaturated);
        Assert.Equal(long.MaxValue, Set("fd00::-fd00::7fff:ffff:ffff:ffff").CountSaturated);
        Assert.Equal(long.MaxValue - 1, Set("fd00::-fd00::7fff:ffff:ffff:fffd").CountSaturated);
    }

    [Fact]
    public void Addresses_OfASlash64_IsLazy()
    {
        var first = Set("fd00::-fd00::ffff:ffff:ffff:ffff").Addresses().Take(3).Select(a => a.ToString());

        Assert.Equal(["fd00::", "fd00::1", "fd00::2"], first);
    }

    [Fact]
    public void Addresses_AtTheTopOfTheSpace_StopsWithoutWrapping()
    {
        Assert.Equal(
            ["255.255.255.254", "255.255.255.255"],
            Set("255.255.255.254-255.255.255.255").Addresses().Select(a => a.ToString()));
        Assert.Equal(
            ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
            Set("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").Addresses().Select(a => a.ToString()));
    }

    [Fact]
    public void SetsAtTheEdgesOfTheSpace_MergeAndSubtractWithoutOverflow()
    {
        var v4 = Set("0.0.0.0-0.0.0.5", "255.255.255.250-255.255.255.255");
        var holes = Set("0.0.0.0", "255.255.255.255");

        Assert.Equal(["0.0.0.1-0.0.0.5", "255.255.255.250-255.255.255.254"], v4.Except(holes).ToStrings());
        Assert.Equal(v4, v4.Except(holes).Union(holes));
        Assert.Equal(["::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"], Set("::-8000::", "8000::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").ToStrings());
    }

    [Fact]
    public void Contains_FindsAddressesOnlyInsideRanges()
    {
        var set = Set("10.0.0.1-10.0.0.4", "10.0.0.9");

        Assert.True(set.Contains(A("10.0.0.1")));
        Assert.True(set.Contains(A("10.0.0.4")));
        Assert.True(set.Contains(A("10.0.0.9")));
        Assert.False(set.Contains(A("10.0.0.0")));
        Assert.False(set.Contains(A("10.0.0.5")));
        Assert.False(set.Contains(A("10.0.0.10")));
    }

    [Fact]
    public void Ranges_CannotBeModifiedThroughTheList()
    {
        var ranges = Set("10.0.0.1").Ranges;

        Assert.False(ranges is IpRange[]);
        Assert.Throws<NotSupportedException>(() => ((IList<IpRange>)ranges)[0] = IpRange.FromAddress(A("10.0.0.2")));
    }

    [Fact]
    public void OperationsOnHeavilyFragmentedSets_AreLinearInRanges()
    {
        // 100,000 single addresses (every other one of a /14): a quadratic walk would take minutes, a linear one milliseconds.
        var odd = IpRangeSet.FromRanges(Enumerable.Range(0, 100_000)
            .Select(i => IpRange.FromAddress(new IpAddr(IpFamily.V4, 0x0A00_0001u + (2u * (uint)i)))));
        var block = Set("10.0.0.0-10.3.255.255");

        var even = block.Except(odd);

        Assert.Equal(100_000, odd.Ranges.Count);
        Assert.Equal(block, even.Union(odd));
        Assert.Equal(IpRangeSet.Empty, even.Intersect(odd));
        Assert.False(even.Overlaps(odd));
        Assert.True(odd.IsSubsetOf(block));
    }

    [Fact]
    public void ToString_JoinsTheNormalisedEntries()
    {
        Assert.Equal("10.0.0.1-10.0.0.4,10.0.0.9", Set("10.0.0.9", "10.0.0.1-10.0.0.4").ToString());
    }
}
