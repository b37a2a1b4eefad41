using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary><c>struct nlmsghdr</c>: 16 bytes in host byte order.</summary>
internal readonly record struct NetlinkHeader(uint Length, ushort Type, NetlinkFlags Flags, uint Sequence, uint PortId)
{
    public const int Size = 16;

    public static NetlinkHeader Read(ReadOnlySpan<byte> source) => new(
        MemoryMarshal.Read<uint>(source),
        MemoryMarshal.Read<ushort>(source[4..]),
        (NetlinkFlags)MemoryMarshal.Read<ushort>(source[6..]),
        MemoryMarshal.Read<uint>(source[8..]),
        MemoryMarshal.Read<uint>(source[12..]));

    public void Write(Span<byte> destination)
    {
        var length = Length;
        var type = Type;
        var flags = (ushort)Flags;
        var sequence = Sequence;
        var portId = PortId;
        MemoryMarshal.Write(destination, in length);
        MemoryMarshal.Write(destination[4..], in type);
        MemoryMarshal.Write(destination[6..], in flags);
        MemoryMarshal.Write(destination[8..], in sequence);
        MemoryMarshal.Write(destination[12..], in portId);
    }
}
