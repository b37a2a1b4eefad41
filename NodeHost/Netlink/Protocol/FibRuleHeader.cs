using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// <c>struct fib_rule_hdr</c> (12 bytes): family, dst_len, src_len, tos, table (8 bits; FRA_TABLE carries larger
/// ids), two reserved bytes, action, flags.
/// </summary>
internal readonly record struct FibRuleHeader(
    byte Family, byte DestinationLength, byte SourceLength, byte Tos, byte Table, byte Action, uint Flags)
{
    public const int Size = 12;

    public static FibRuleHeader Read(ReadOnlySpan<byte> source) => source.Length < Size
        ? ThrowHelper.ThrowDecode<FibRuleHeader>($"fib_rule_hdr is {source.Length} bytes; expected {Size}")
        : new(source[0], source[1], source[2], source[3], source[4], source[7], MemoryMarshal.Read<uint>(source[8..]));

    public void Write(Span<byte> destination)
    {
        var flags = Flags;
        destination[0] = Family;
        destination[1] = DestinationLength;
        destination[2] = SourceLength;
        destination[3] = Tos;
        destination[4] = Table;
        destination[5] = 0;
        destination[6] = 0;
        destination[7] = Action;
        MemoryMarshal.Write(destination[8..], in flags);
    }
}
