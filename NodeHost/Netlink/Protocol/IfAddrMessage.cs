using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary><c>struct ifaddrmsg</c> (8 bytes): family, prefix length, flags (low 8 bits), scope, interface index.</summary>
internal readonly record struct IfAddrMessage(byte Family, byte PrefixLength, byte Flags, byte Scope, int Index)
{
    public const int Size = 8;

    public static IfAddrMessage Read(ReadOnlySpan<byte> source) => source.Length < Size
        ? ThrowHelper.ThrowDecode<IfAddrMessage>($"ifaddrmsg is {source.Length} bytes; expected {Size}")
        : new(source[0], source[1], source[2], source[3], MemoryMarshal.Read<int>(source[4..]));

    public void Write(Span<byte> destination)
    {
        var index = Index;
        destination[0] = Family;
        destination[1] = PrefixLength;
        destination[2] = Flags;
        destination[3] = Scope;
        MemoryMarshal.Write(destination[4..], in index);
    }
}
