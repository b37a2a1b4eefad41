using CsCheck;
using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

/// <summary>
/// A small window of one family's address space for property tests: sets drawn inside it can be mirrored by a naive
/// HashSet model. Windows sit at both ends of each family as well as in the middle, so that the arithmetic at 0 and at
/// the family maximum is exercised as often as the ordinary case.
/// </summary>
internal sealed record AddressWindow(IpFamily Family, UInt128 Base)
{
    internal const int Size = 64;

    internal static readonly Gen<AddressWindow> Gen = CsCheck.Gen.OneOf(
        new AddressWindow(IpFamily.V4, UInt128.Zero),
        new AddressWindow(IpFamily.V4, 0x0A00_0000u),
        new AddressWindow(IpFamily.V4, (UInt128)uint.MaxValue - (Size - 1)),
        new AddressWindow(IpFamily.V6, UInt128.Zero),
        new AddressWindow(IpFamily.V6, new UInt128(0xfd00_0000_0000_0000, 0)),
        new AddressWindow(IpFamily.V6, UInt128.MaxValue - (Size - 1)));

    /// <summary>Inclusive (low, high) offsets of a few short runs, overlapping and adjacent ones included on purpose.</summary>
    internal static readonly Gen<(int Low, int High)[]> Runs =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, Size - 1], CsCheck.Gen.Int[0, 9], (low, length) => (low, Math.Min(Size - 1, low + length)))
            .Array[0, 6];

    internal IpAddr At(int offset) => new(Family, Base + (uint)offset);

    internal IpRangeSet ToSet((int Low, int High)[] runs) =>
        IpRangeSet.FromRanges(runs.Select(r => new IpRange(At(r.Low), At(r.High))));

    internal static HashSet<int> ToModel((int Low, int High)[] runs) =>
        [.. runs.SelectMany(r => Enumerable.Range(r.Low, r.High - r.Low + 1))];

    /// <summary>The offsets held by a set, read back by enumerating its addresses (the window is small).</summary>
    internal int[] OffsetsOf(IpRangeSet set) => [.. set.Addresses().Select(a => (int)(a.Value - Base))];

    /// <summary>Sorted, disjoint, non-adjacent, one family: the invariant every set must keep.</summary>
    internal static void AssertNormalised(IpRangeSet set)
    {
        for (var i = 0; i < set.Ranges.Count; i++)
        {
            var range = set.Ranges[i];
            Assert.Equal(set.Family, range.Family);
            Assert.True(range.Start.Value <= range.End.Value);
            if (i > 0)
            {
                Assert.True(set.Ranges[i - 1].End.Value + 1 < range.Start.Value, $"ranges {set.Ranges[i - 1]} and {range} touch");
            }
        }
    }
}
