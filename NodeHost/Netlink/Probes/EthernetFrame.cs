using System.Buffers.Binary;

namespace Spiderpool.Netlink.Probes;

/// <summary>Ethernet II header: destination MAC, source MAC, ethertype (network byte order).</summary>
internal static class EthernetFrame
{
    public const int HeaderLength = 14;

    /// <summary>Frames shorter than this (without FCS) are runts; we pad our own to it.</summary>
    public const int MinimumLength = 60;

    public const ushort TypeArp = 0x0806;
    public const ushort TypeIpv6 = 0x86DD;

    public static ReadOnlySpan<byte> Broadcast => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    public static void WriteHeader(Span<byte> frame, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source, ushort etherType)
    {
        destination.CopyTo(frame);
        source.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }

    public static ushort EtherType(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);

    public static ReadOnlySpan<byte> Source(ReadOnlySpan<byte> frame) => frame.Slice(6, 6);
}
