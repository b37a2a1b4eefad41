using System.Numerics;
using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Allocation;

/// <summary>
/// The free addresses of one pool and one family, as disjoint sorted intervals, so the pool grain can hand out the
/// lowest free address without scanning. A fresh /8 or /64 is a single interval; memory grows only with fragmentation.
/// The intervals live in an AVL tree keyed by start (an interval's end is reached through its start), which keeps every
/// operation O(log n) in the number of intervals. Not thread-safe: the grain is its only writer.
/// </summary>
internal sealed class FreeAddressList
{
    private Node? _root;

    // The count is kept as UInt128 to avoid a BigInteger allocation per operation; the only value that does not fit,
    // 2^128 (the entire IPv6 space free), is flagged separately.
    private UInt128 _count;
    private bool _countIsTwoTo128;

    /// <summary>Starts from the given free addresses; the family is the set's, or that of the first address added.</summary>
    public FreeAddressList(IpRangeSet initiallyFree)
        : this(initiallyFree?.Family, initiallyFree!)
    {
    }

    public FreeAddressList(IpFamily family, IpRangeSet initiallyFree)
        : this((IpFamily?)family, initiallyFree)
    {
    }

    private FreeAddressList(IpFamily? family, IpRangeSet initiallyFree)
    {
        ArgumentNullException.ThrowIfNull(initiallyFree);
        if (initiallyFree.Family is { } setFamily && setFamily != family)
        {
            throw new ArgumentException($"the free addresses are IPv{(int)setFamily} but the list is IPv{(int)family!.Value}", nameof(initiallyFree));
        }

        Family = family;
        var ranges = initiallyFree.Ranges;
        _root = Build(ranges, 0, ranges.Count - 1);
        IntervalCount = ranges.Count;

        var count = initiallyFree.Count;
        _countIsTwoTo128 = count > UInt128.MaxValue;
        _count = _countIsTwoTo128 ? UInt128.Zero : (UInt128)count;
    }

    /// <summary>
    /// Null only while a list built from an empty set has never been given an address: a pool whose every address is
    /// in use still has to take one back on release, and the set alone could not say which family that will be.
    /// </summary>
    public IpFamily? Family { get; private set; }

    public int IntervalCount { get; private set; }

    public BigInteger Count => _countIsTwoTo128 ? (BigInteger)UInt128.MaxValue + BigInteger.One : (BigInteger)_count;

    public bool IsEmpty => _root is null;

    /// <summary>Height of the tree; exposed so tests can check it stays logarithmic after heavy fragmentation.</summary>
    internal int Height => HeightOf(_root);

    public bool Contains(IpAddr address)
    {
        if (address.Family != Family)
        {
            return false;
        }

        var floor = Floor(address.Value);
        return floor is not null && floor.End >= address.Value;
    }

    /// <summary>Removes and returns the lowest free address.</summary>
    public bool TryTakeLowest(out IpAddr address)
    {
        if (_root is null)
        {
            address = default;
            return false;
        }

        var lowest = _root;
        while (lowest.Left is not null)
        {
            lowest = lowest.Left;
        }

        address = new IpAddr(Family!.Value, lowest.Start);
        if (lowest.Start == lowest.End)
        {
            DeleteInterval(lowest.Start);
        }
        else
        {
            // Raising the start keeps the order: it stays below the next interval's start.
            lowest.Start++;
        }

        DecrementCount();
        return true;
    }

    /// <summary>Marks an address as used. False when it was not free.</summary>
    public bool Remove(IpAddr address)
    {
        if (Family is null)
        {
            return false;
        }

        CheckFamily(address);
        var value = address.Value;
        var interval = Floor(value);
        if (interval is null || interval.End < value)
        {
            return false;
        }

        if (interval.Start == interval.End)
        {
            DeleteInterval(interval.Start);
        }
        else if (value == interval.Start)
        {
            interval.Start++;
        }
        else if (value == interval.End)
        {
            interval.End--;
        }
        else
        {
            // Start < value < End, so neither neighbour computation can leave the family's range.
            var tailEnd = interval.End;
            interval.End = value - 1;
            InsertInterval(value + 1, tailEnd);
        }

        DecrementCount();
        return true;
    }

    /// <summary>Marks an address as free again, merging it with free neighbours. False when it was already free.</summary>
    public bool Add(IpAddr address)
    {
        Family ??= address.Family;
        CheckFamily(address);
        var value = address.Value;
        var before = Floor(value);
        if (before is not null && before.End >= value)
        {
            return false;
        }

        var after = Above(value);
        // before.End < value < after.Start, so the +1s below cannot overflow.
        var joinsBefore = before is not null && before.End + 1 == value;
        var joinsAfter = after is not null && value + 1 == after.Start;
        if (joinsBefore && joinsAfter)
        {
            // Widen first: deleting may move node contents around, so no node reference is used after it.
            before!.End = after!.End;
            DeleteInterval(after.Start);
        }
        else if (joinsBefore)
        {
            before!.End = value;
        }
        else if (joinsAfter)
        {
            // Lowering the start keeps the order: it stays above the previous interval's end.
            after!.Start = value;
        }
        else
        {
            InsertInterval(value, value);
        }

        IncrementCount();
        return true;
    }

    /// <summary>A snapshot of the free addresses, O(n) in intervals.</summary>
    public IpRangeSet ToRangeSet()
    {
        var ranges = new List<IpRange>(IntervalCount);
        var stack = new Stack<Node>();
        var node = _root;
        while (node is not null || stack.Count > 0)
        {
            while (node is not null)
            {
                stack.Push(node);
                node = node.Left;
            }

            node = stack.Pop();
            ranges.Add(new IpRange(new IpAddr(Family!.Value, node.Start), new IpAddr(Family!.Value, node.End)));
            node = node.Right;
        }

        return IpRangeSet.FromRanges(ranges);
    }

    private void CheckFamily(IpAddr address)
    {
        if (address.Family != Family)
        {
            throw new ArgumentException($"{address} is not an IPv{(int)Family!.Value} address", nameof(address));
        }
    }

    private void IncrementCount()
    {
        if (_count == UInt128.MaxValue)
        {
            _count = UInt128.Zero;
            _countIsTwoTo128 = true;
        }
        else
        {
            _count++;
        }
    }

    private void DecrementCount()
    {
        if (_countIsTwoTo128)
        {
            _countIsTwoTo128 = false;
            _count = UInt128.MaxValue;
        }
        else
        {
            _count--;
        }
    }

    /// <summary>The interval with the greatest start at or below the value.</summary>
    private Node? Floor(UInt128 value)
    {
        Node? best = null;
        var node = _root;
        while (node is not null)
        {
            if (node.Start <= value)
            {
                best = node;
                node = node.Right;
            }
            else
            {
                node = node.Left;
            }
        }

        return best;
    }

    /// <summary>The interval with the smallest start above the value.</summary>
    private Node? Above(UInt128 value)
    {
        Node? best = null;
        var node = _root;
        while (node is not null)
        {
            if (node.Start > value)
            {
                best = node;
                node = node.Left;
            }
            else
            {
                node = node.Right;
            }
        }

        return best;
    }

    private void InsertInterval(UInt128 start, UInt128 end)
    {
        _root = Insert(_root, start, end);
        IntervalCount++;
    }

    private void DeleteInterval(UInt128 start)
    {
        _root = Delete(_root, start);
        IntervalCount--;
    }

    private static Node? Build(IReadOnlyList<IpRange> ranges, int low, int high)
    {
        if (low > high)
        {
            return null;
        }

        var mid = low + ((high - low) / 2);
        var node = new Node(ranges[mid].Start.Value, ranges[mid].End.Value)
        {
            Left = Build(ranges, low, mid - 1),
            Right = Build(ranges, mid + 1, high),
        };
        node.Height = 1 + Math.Max(HeightOf(node.Left), HeightOf(node.Right));
        return node;
    }

    private static Node Insert(Node? node, UInt128 start, UInt128 end)
    {
        if (node is null)
        {
            return new Node(start, end);
        }

        if (start < node.Start)
        {
            node.Left = Insert(node.Left, start, end);
        }
        else
        {
            node.Right = Insert(node.Right, start, end);
        }

        return Rebalance(node);
    }

    private static Node? Delete(Node? node, UInt128 start)
    {
        if (node is null)
        {
            return null;
        }

        if (start < node.Start)
        {
            node.Left = Delete(node.Left, start);
        }
        else if (start > node.Start)
        {
            node.Right = Delete(node.Right, start);
        }
        else
        {
            if (node.Left is null)
            {
                return node.Right;
            }

            if (node.Right is null)
            {
                return node.Left;
            }

            var successor = node.Right;
            while (successor.Left is not null)
            {
                successor = successor.Left;
            }

            node.Start = successor.Start;
            node.End = successor.End;
            node.Right = DeleteLowest(node.Right);
        }

        return Rebalance(node);
    }

    private static Node? DeleteLowest(Node node)
    {
        if (node.Left is null)
        {
            return node.Right;
        }

        node.Left = DeleteLowest(node.Left);
        return Rebalance(node);
    }

    private static int HeightOf(Node? node) => node?.Height ?? 0;

    private static Node Rebalance(Node node)
    {
        UpdateHeight(node);
        var balance = HeightOf(node.Left) - HeightOf(node.Right);
        if (balance > 1)
        {
            if (HeightOf(node.Left!.Left) < HeightOf(node.Left.Right))
            {
                node.Left = RotateLeft(node.Left);
            }

            return RotateRight(node);
        }

        if (balance < -1)
        {
            if (HeightOf(node.Right!.Right) < HeightOf(node.Right.Left))
            {
                node.Right = RotateRight(node.Right);
            }

            return RotateLeft(node);
        }

        return node;
    }

    private static Node RotateRight(Node node)
    {
        var pivot = node.Left!;
        node.Left = pivot.Right;
        pivot.Right = node;
        UpdateHeight(node);
        UpdateHeight(pivot);
        return pivot;
    }

    private static Node RotateLeft(Node node)
    {
        var pivot = node.Right!;
        node.Right = pivot.Left;
        pivot.Left = node;
        UpdateHeight(node);
        UpdateHeight(pivot);
        return pivot;
    }

    private static void UpdateHeight(Node node) => node.Height = 1 + Math.Max(HeightOf(node.Left), HeightOf(node.Right));

    /// <summary>One free interval [Start, End]; Start and End change in place when that keeps the tree order.</summary>
    private sealed class Node(UInt128 start, UInt128 end)
    {
        public UInt128 Start { get; set; } = start;
        public UInt128 End { get; set; } = end;
        public Node? Left { get; set; }
        public Node? Right { get; set; }
        public int Height { get; set; } = 1;
    }
}
