using System.Collections.ObjectModel;
using System.Numerics;

namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>
/// An immutable set of addresses of one family, held as ranges sorted ascending, disjoint and never adjacent, so two
/// sets with the same addresses have the same ranges and compare equal. Set operations walk the ranges of both sides
/// once; nothing ever enumerates individual addresses, so a /8 or a /64 costs one range.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.IpRangeSet")]
public sealed class IpRangeSet : IEquatable<IpRangeSet>
{
    // Only ever holds a normalised array: every constructor path goes through Normalise or a merge walk that keeps
    // the invariant, and the array is never handed out mutable.
    [Id(0)] private readonly IpRange[] _ranges;

    private IpRangeSet(IpRange[] normalised) => _ranges = normalised;

    public static IpRangeSet Empty { get; } = new([]);

    public IReadOnlyList<IpRange> Ranges => new ReadOnlyCollection<IpRange>(_ranges);

    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>The family of the addresses, or null for the empty set, which is compatible with either family.</summary>
    public IpFamily? Family => _ranges.Length == 0 ? null : _ranges[0].Family;

    /// <summary>Number of addresses; BigInteger because a set can hold the whole IPv6 space.</summary>
    public BigInteger Count
    {
        get
        {
            var total = BigInteger.Zero;
            foreach (var range in _ranges)
            {
                total += range.Count;
            }

            return total;
        }
    }

    /// <summary>
    /// <see cref="Count"/> clamped to long.MaxValue: Spiderpool reports totalIPCount as an int64 and saturates it for
    /// IPv6 pools bigger than that.
    /// </summary>
    public long CountSaturated
    {
        get
        {
            var count = Count;
            return count > long.MaxValue ? long.MaxValue : (long)count;
        }
    }

    /// <summary>Builds a set from ranges in any order, overlapping or adjacent. All ranges must share a family.</summary>
    public static IpRangeSet FromRanges(IEnumerable<IpRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var items = ranges.ToArray();
        if (items.Length == 0)
        {
            return Empty;
        }

        var family = items[0].Family;
        foreach (var range in items)
        {
            if (range.Family != family)
            {
                throw new ArgumentException($"cannot mix IPv4 and IPv6 in one set: {items[0]} and {range}", nameof(ranges));
            }
        }

        Array.Sort(items, static (a, b) => a.Start.Value.CompareTo(b.Start.Value));
        return new IpRangeSet(Coalesce(items));
    }

    public static IpRangeSet FromAddresses(IEnumerable<IpAddr> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return FromRanges(addresses.Select(IpRange.FromAddress));
    }

    public bool Contains(IpAddr address)
    {
        var index = IndexOfLastStartAtOrBelow(address);
        return index >= 0 && _ranges[index].Contains(address);
    }

    public IpRangeSet Union(IpRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        if (Family != other.Family)
        {
            throw new ArgumentException($"cannot unite an {IpCidr.FamilyName(Family!.Value)} set with an {IpCidr.FamilyName(other.Family!.Value)} set", nameof(other));
        }

        // Merge the two sorted arrays by start, then coalesce in the same pass order: linear in the number of ranges.
        var merged = new IpRange[_ranges.Length + other._ranges.Length];
        int i = 0, j = 0, k = 0;
        while (i < _ranges.Length || j < other._ranges.Length)
        {
            var takeLeft = j == other._ranges.Length
                || (i < _ranges.Length && _ranges[i].Start.Value <= other._ranges[j].Start.Value);
            merged[k++] = takeLeft ? _ranges[i++] : other._ranges[j++];
        }

        return new IpRangeSet(Coalesce(merged));
    }

    public IpRangeSet Intersect(IpRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty || Family != other.Family)
        {
            return Empty;
        }

        var family = Family!.Value;
        var result = new List<IpRange>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var a = _ranges[i];
            var b = other._ranges[j];
            var low = UInt128.Max(a.Start.Value, b.Start.Value);
            var high = UInt128.Min(a.End.Value, b.End.Value);
            if (low <= high)
            {
                result.Add(new IpRange(new IpAddr(family, low), new IpAddr(family, high)));
            }

            // The range that ends first cannot meet anything further on the other side.
            if (a.End.Value < b.End.Value)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        // Pieces of two normalised sets are already disjoint and non-adjacent: an address between two pieces is
        // missing from one of the inputs.
        return result.Count == 0 ? Empty : new IpRangeSet([.. result]);
    }

    /// <summary>The addresses of this set that are not in <paramref name="other"/>.</summary>
    public IpRangeSet Except(IpRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty || Family != other.Family)
        {
            return this;
        }

        var family = Family!.Value;
        var cut = other._ranges;
        var result = new List<IpRange>();
        var j = 0;
        foreach (var range in _ranges)
        {
            var current = range.Start.Value;
            var end = range.End.Value;
            while (j < cut.Length && cut[j].End.Value < current)
            {
                j++;
            }

            var consumed = false;
            // j is not advanced past a cut that reaches beyond this range: it may also cut the next one.
            while (j < cut.Length && cut[j].Start.Value <= end)
            {
                if (cut[j].Start.Value > current)
                {
                    result.Add(new IpRange(new IpAddr(family, current), new IpAddr(family, cut[j].Start.Value - 1)));
                }

                if (cut[j].End.Value >= end)
                {
                    consumed = true;
                    break;
                }

                // cut[j].End < end <= the family maximum, so this cannot overflow.
                current = cut[j].End.Value + 1;
                j++;
            }

            if (!consumed)
            {
                result.Add(new IpRange(new IpAddr(family, current), range.End));
            }
        }

        return result.Count == 0 ? Empty : new IpRangeSet([.. result]);
    }

    public bool Overlaps(IpRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty || Family != other.Family)
        {
            return false;
        }

        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            if (_ranges[i].Overlaps(other._ranges[j]))
            {
                return true;
            }

            if (_ranges[i].End.Value < other._ranges[j].End.Value)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    public bool IsSubsetOf(IpRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty)
        {
            return true;
        }

        if (Family != other.Family)
        {
            return false;
        }

        // Because other is normalised, a contiguous range inside it must lie inside a single one of its ranges.
        var j = 0;
        foreach (var range in _ranges)
        {
            while (j < other._ranges.Length && other._ranges[j].End.Value < range.Start.Value)
            {
                j++;
            }

            if (j == other._ranges.Length || !other._ranges[j].Contains(range))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every address in ascending order, produced lazily so that enumerating the start of a /64 is cheap.</summary>
    public IEnumerable<IpAddr> Addresses()
    {
        foreach (var range in _ranges)
        {
            var value = range.Start.Value;
            while (true)
            {
                yield return new IpAddr(range.Family, value);
                if (value == range.End.Value)
                {
                    break;
                }

                value++;
            }
        }
    }

    /// <summary>The normalised Spiderpool list, e.g. ["10.0.0.1-10.0.0.4", "10.0.0.9"].</summary>
    public IReadOnlyList<string> ToStrings() => Array.ConvertAll(_ranges, static r => r.ToString());

    public override string ToString() => string.Join(",", ToStrings());

    public bool Equals(IpRangeSet? other) =>
        other is not null && (ReferenceEquals(this, other) || _ranges.AsSpan().SequenceEqual(other._ranges));

    public override bool Equals(object? obj) => Equals(obj as IpRangeSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in _ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }

    /// <summary>Index of the last range whose start is at or below the address, or -1.</summary>
    private int IndexOfLastStartAtOrBelow(IpAddr address)
    {
        if (IsEmpty || address.Family != Family)
        {
            return -1;
        }

        int low = 0, high = _ranges.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (_ranges[mid].Start.Value <= address.Value)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    /// <summary>Merges overlapping and adjacent neighbours of ranges already sorted by start.</summary>
    private static IpRange[] Coalesce(IpRange[] sorted)
    {
        var result = new List<IpRange>(sorted.Length);
        var current = sorted[0];
        for (var i = 1; i < sorted.Length; i++)
        {
            var next = sorted[i];
            // next.Start > current.End here, so next.Start - 1 cannot underflow.
            if (next.Start.Value <= current.End.Value || next.Start.Value - 1 == current.End.Value)
            {
                if (next.End.Value > current.End.Value)
                {
                    current = new IpRange(current.Start, next.End);
                }
            }
            else
            {
                result.Add(current);
                current = next;
            }
        }

        result.Add(current);
        return [.. result];
    }
}
