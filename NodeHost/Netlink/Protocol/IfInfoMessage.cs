using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary><c>struct ifinfomsg</c> (16 bytes): family, pad, type (ARPHRD_*), index, flags, change mask.</summary>
internal readonly record struct IfInfoMessage(byte Family, ushort Type, int Index, uint Flags, uint Change)
{
    public const int Size = 16;

    public static IfInfoMessage Read(ReadOnlySpan<byte> source) => source.Length < Size
        ? ThrowHelper.ThrowDecode<IfInfoMessage>($"ifinfomsg is {source.Length} bytes; expected {Size}")
        : new(source[0], MemoryMarshal.Read<ushort>(source[2..]), MemoryMarshal.Read<int>(source[4..]), MemoryMarshal.Read<uint>(source[8..]), MemoryMarshal.Read<uint>(source[12..]));

    public void Write(Span<byte> destination)
    {
        var type = Type;
        var index = Index;
        var flags = Flags;
        var change = Change;
        destination[0] = Family;
        destination[1] = 0;
        MemoryMarshal.Write(destination[2..], in type);
        MemoryMarshal.Write(destination[4..], in index);
        MemoryMarshal.Write(destination[8..], in flags);
        MemoryMarshal.Write(destination[12..], in change);
    }
}
