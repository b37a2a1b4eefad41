using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// <c>struct rtmsg</c> (12 bytes): family, dst_len, src_len, tos, table (8 bits; RTA_TABLE carries larger ids),
/// protocol, scope, type, flags.
/// </summary>
internal readonly record struct RtMessage(
    byte Family, byte DestinationLength, byte SourceLength, byte Tos, byte Table, byte Protocol, byte Scope, byte Type, uint Flags)
{
    public const int Size = 12;

    public static RtMessage Read(ReadOnlySpan<byte> source) => source.Length < Size
        ? ThrowHelper.ThrowDecode<RtMessage>($"rtmsg is {source.Length} bytes; expected {Size}")
        : new(source[0], source[1], source[2], source[3], source[4], source[5], source[6], source[7], MemoryMarshal.Read<uint>(source[8..]));

    public void Write(Span<byte> destination)
    {
        var flags = Flags;
        destination[0] = Family;
        destination[1] = DestinationLength;
        destination[2] = SourceLength;
        destination[3] = Tos;
        destination[4] = Table;
        destination[5] = Protocol;
        destination[6] = Scope;
        destination[7] = Type;
        MemoryMarshal.Write(destination[8..], in flags);
    }
}
