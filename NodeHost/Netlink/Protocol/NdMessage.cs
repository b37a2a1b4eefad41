using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary><c>struct ndmsg</c> (12 bytes): family, 3 pad bytes, interface index, state (NUD_*), flags (NTF_*), type.</summary>
internal readonly record struct NdMessage(byte Family, int Index, ushort State, byte Flags, byte Type)
{
    public const int Size = 12;

    public static NdMessage Read(ReadOnlySpan<byte> source) => source.Length < Size
        ? ThrowHelper.ThrowDecode<NdMessage>($"ndmsg is {source.Length} bytes; expected {Size}")
        : new(source[0], MemoryMarshal.Read<int>(source[4..]), MemoryMarshal.Read<ushort>(source[8..]), source[10], source[11]);

    public void Write(Span<byte> destination)
    {
        var index = Index;
        var state = State;
        destination[0] = Family;
        destination[1] = 0;
        destination[2] = 0;
        destination[3] = 0;
        MemoryMarshal.Write(destination[4..], in index);
        MemoryMarshal.Write(destination[8..], in state);
        destination[10] = Flags;
        destination[11] = Type;
    }
}
