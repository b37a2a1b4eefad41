using System.Diagnostics;
using System.Numerics;
using CsCheck;
using Spiderpool.Grains.Allocation;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Tests.Unit.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Allocation;

public class FreeAddressListTests
{
    private static IpAddr A(string text) => IpAddr.Parse(text);

    private static IpRangeSet Set(params string[] entries)
    {
        Assert.True(IpRangeParser.TryParseList(entries, null, out var set, out var error), error);
        return set;
    }

    private static FreeAddressList List(params string[] entries) => new(Set(entries));

    [Fact]
    public void TryTakeLowest_HandsOutAddressesInAscendingOrder()
    {
        var free = List("10.0.0.5", "10.0.0.1-10.0.0.2");

        Assert.True(free.TryTakeLowest(out var first));
        Assert.True(free.TryTakeLowest(out var second));
        Assert.True(free.TryTakeLowest(out var third));
        Assert.False(free.TryTakeLowest(out _));

        Assert.Equal([A("10.0.0.1"), A("10.0.0.2"), A("10.0.0.5")], new[] { first, second, third });
        Assert.True(free.IsEmpty);
        Assert.Equal(BigInteger.Zero, free.Count);
        Assert.Equal(0, free.IntervalCount);
    }

    [Fact]
    public void ASlash8_IsOneIntervalOf2To24Addresses()
    {
        var free = new FreeAddressList(IpFamily.V4, IpRangeSet.FromRanges([IpCidr.Parse("10.0.0.0/8").ToRange()]));

        Assert.Equal(1, free.IntervalCount);
        Assert.Equal(new BigInteger(1 << 24), free.Count);
        Assert.True(free.TryTakeLowest(out var lowest));
        Assert.Equal(A("10.0.0.0"), lowest);
        Assert.Equal(new BigInteger((1 << 24) - 1), free.Count);
        Assert.Equal(1, free.IntervalCount);
    }

    [Fact]
    public void ASlash64_CountsBeyondLongAndHandsOutItsLowestAddress()
    {
        var free = List("fd00::-fd00::ffff:ffff:ffff:ffff");

        Assert.Equal(BigInteger.Pow(2, 64), free.Count);
        Assert.True(free.TryTakeLowest(out var lowest));
        Assert.Equal(A("fd00::"), lowest);
        Assert.True(free.Remove(A("fd00::8000:0:0:0")));
        Assert.Equal(2, free.IntervalCount);
        Assert.Equal(BigInteger.Pow(2, 64) - 2, free.Count);
    }

    [Fact]
    public void Remove_InTheMiddle_SplitsTheInterval()
    {
        var free = List("10.0.0.1-10.0.0.9");

        Assert.True(free.Remove(A("10.0.0.5")));

        Assert.Equal(["10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.9"], free.ToRangeSet().ToStrings());
        Assert.Equal(2, free.IntervalCount);
        Assert.Equal(new BigInteger(8), free.Count);
        Assert.False(free.Contains(A("10.0.0.5")));
    }

    [Fact]
    public void Remove_AtEitherEnd_ShrinksTheInterval()
    {
        var free = List("10.0.0.1-10.0.0.9");

        Assert.True(free.Remove(A("10.0.0.1")));
        Assert.True(free.Remove(A("10.0.0.9")));

        Assert.Equal(["10.0.0.2-10.0.0.8"], free.ToRangeSet().ToStrings());
    }

    [Fact]
    public void Remove_WhenTheAddressIsNotFree_ReturnsFalseAndChangesNothing()
    {
        var free = List("10.0.0.1-10.0.0.4", "10.0.0.9");

        Assert.False(free.Remove(A("10.0.0.5")));
        Assert.False(free.Remove(A("10.0.0.0")));
        Assert.False(free.Remove(A("10.0.0.10")));
        Assert.True(free.Remove(A("10.0.0.9")));
        Assert.False(free.Remove(A("10.0.0.9")));

        Assert.Equal(["10.0.0.1-10.0.0.4"], free.ToRangeSet().ToStrings());
        Assert.Equal(new BigInteger(4), free.Count);
    }

    [Fact]
    public void Add_BetweenTwoIntervals_MergesThemIntoOne()
    {
        var free = List("10.0.0.1-10.0.0.4", "10.0.0.6-10.0.0.9");

        Assert.True(free.Add(A("10.0.0.5")));

        Assert.Equal(["10.0.0.1-10.0.0.9"], free.ToRangeSet().ToStrings());
        Assert.Equal(1, free.IntervalCount);
        Assert.Equal(new BigInteger(9), free.Count);
    }

    [Fact]
    public void Add_NextToOneInterval_ExtendsIt_AndAwayFromAll_MakesANewOne()
    {
        var free = List("10.0.0.4-10.0.0.6");

        Assert.True(free.Add(A("10.0.0.3")));
        Assert.True(free.Add(A("10.0.0.7")));
        Assert.True(free.Add(A("10.0.0.20")));

        Assert.Equal(["10.0.0.3-10.0.0.7", "10.0.0.20"], free.ToRangeSet().ToStrings());
        Assert.Equal(2, free.IntervalCount);
    }

    [Fact]
    public void Add_WhenTheAddressIsAlreadyFree_ReturnsFalse()
    {
        var free = List("10.0.0.1-10.0.0.4");

        Assert.False(free.Add(A("10.0.0.1")));
        Assert.False(free.Add(A("10.0.0.3")));
        Assert.False(free.Add(A("10.0.0.4")));
        Assert.Equal(new BigInteger(4), free.Count);
    }

    [Fact]
    public void Add_OfTheOtherFamily_Throws_AndContainsSaysNo()
    {
        var free = List("10.0.0.1-10.0.0.4");

        Assert.Throws<ArgumentException>(() => free.Add(A("fd00::1")));
        Assert.Throws<ArgumentException>(() => free.Remove(A("fd00::1")));
        Assert.False(free.Contains(A("::a00:1")));
    }

    [Fact]
    public void AListBuiltFromNothing_TakesTheFamilyOfTheFirstAddressGivenBack()
    {
        var free = new FreeAddressList(IpRangeSet.Empty);

        Assert.Null(free.Family);
        Assert.False(free.TryTakeLowest(out _));
        Assert.False(free.Remove(A("fd00::1")));
        Assert.True(free.Add(A("fd00::1")));

        Assert.Equal(IpFamily.V6, free.Family);
        Assert.True(free.Contains(A("fd00::1")));
        Assert.Throws<ArgumentException>(() => free.Add(A("10.0.0.1")));
    }

    [Fact]
    public void Constructor_WhenTheSetIsOfTheOtherFamily_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FreeAddressList(IpFamily.V4, Set("fd00::1")));
    }

    [Fact]
    public void TheWholeIpv4Space_WorksAtBothEdges()
    {
        var free = List("0.0.0.0-255.255.255.255");

        Assert.Equal(new BigInteger(uint.MaxValue) + 1, free.Count);
        Assert.True(free.Remove(A("255.255.255.255")));
        Assert.True(free.TryTakeLowest(out var lowest));
        Assert.Equal(A("0.0.0.0"), lowest);
        Assert.Equal(["0.0.0.1-255.255.255.254"], free.ToRangeSet().ToStrings());
        Assert.True(free.Add(A("255.255.255.255")));
        Assert.True(free.Add(A("0.0.0.0")));
        Assert.Equal(["0.0.0.0-255.255.255.255"], free.ToRangeSet().ToStrings());
    }

    [Fact]
    public void TheWholeIpv6Space_CountsTo2To128WithoutOverflow()
    {
        var max = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        var free = List("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

        Assert.Equal(BigInteger.Pow(2, 128), free.Count);
        Assert.True(free.TryTakeLowest(out var lowest));
        Assert.Equal(A("::"), lowest);
        Assert.Equal(BigInteger.Pow(2, 128) - 1, free.Count);
        Assert.True(free.Remove(max));
        Assert.False(free.Contains(max));
        Assert.True(free.Add(max));
        Assert.True(free.Add(A("::")));
        Assert.Equal(BigInteger.Pow(2, 128), free.Count);
        Assert.Equal(1, free.IntervalCount);
        Assert.True(free.Contains(A("::")));
        Assert.True(free.Contains(max));
    }

    [Fact]
    public void HundredThousandIntervals_StayBalancedAndFast()
    {
        var free = List("10.0.0.0-10.3.255.255");
        var stopwatch = Stopwatch.StartNew();

        // Every other address of the first 200,000 taken: 100,001 intervals.
        for (var i = 1u; i < 200_000; i += 2)
        {
            Assert.True(free.Remove(new IpAddr(IpFamily.V4, 0x0A00_0000u + i)));
        }

        Assert.Equal(100_001, free.IntervalCount);
        // An AVL tree of n nodes is at most about 1.44 log2(n) high; a list would be 100,001.
        Assert.InRange(free.Height, 17, 25);

        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(free.TryTakeLowest(out var taken));
            Assert.Equal(0x0A00_0000u + (2u * (uint)i), (uint)taken.Value);
        }

        Assert.Equal(1, free.IntervalCount);
        for (var i = 1u; i < 200_000; i++)
        {
            Assert.True(free.Add(new IpAddr(IpFamily.V4, 0x0A00_0000u + i)));
        }

        Assert.Equal(1, free.IntervalCount);
        Assert.Equal(new BigInteger((1 << 18) - 1), free.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    private enum Op
    {
        TakeLowest,
        Remove,
        Add,
        Contains,
    }

    [Fact]
    public void RandomOperations_AgreeWithASortedSetModel()
    {
        var ops = Gen.Select(Gen.Int[0, 3], Gen.Int[0, AddressWindow.Size - 1], (op, offset) => ((Op)op, offset)).Array[0, 80];

        Gen.Select(AddressWindow.Gen, AddressWindow.Runs, ops).Sample((window, runs, steps) =>
        {
            var free = new FreeAddressList(window.Family, window.ToSet(runs));
            var model = new SortedSet<int>(AddressWindow.ToModel(runs));

            foreach (var (op, offset) in steps)
            {
                var address = window.At(offset);
                switch (op)
                {
                    case Op.TakeLowest:
                        var took = free.TryTakeLowest(out var lowest);
                        Assert.Equal(model.Count > 0, took);
                        if (took)
                        {
                            Assert.Equal(window.At(model.Min), lowest);
                            model.Remove(model.Min);
                        }

                        break;
                    case Op.Remove:
                        Assert.Equal(model.Remove(offset), free.Remove(address));
                        break;
                    case Op.Add:
                        Assert.Equal(model.Add(offset), free.Add(address));
                        break;
                    default:
                        Assert.Equal(model.Contains(offset), free.Contains(address));
                        break;
                }

                Assert.Equal(new BigInteger(model.Count), free.Count);
            }

            var snapshot = free.ToRangeSet();
            AddressWindow.AssertNormalised(snapshot);
            Assert.Equal(model, window.OffsetsOf(snapshot));
            Assert.Equal(snapshot.Ranges.Count, free.IntervalCount);
        }, iter: 2_000);
    }
}
