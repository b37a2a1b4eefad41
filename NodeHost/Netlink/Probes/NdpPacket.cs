using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Spiderpool.Netlink.Probes;

/// <summary>
/// Whole Ethernet frames for IPv6 neighbour discovery (RFC 4861): Ethernet, a 40-byte IPv6 header with hop limit
/// 255 (receivers drop ND messages with any other value, which proves they were not routed), and the ICMPv6
/// message with its checksum over the IPv6 pseudo-header (RFC 4443 §2.3).
/// </summary>
internal static class NdpPacket
{
    public const byte TypeSolicitation = 135;
    public const byte TypeAdvertisement = 136;

    public const byte FlagRouter = 0x80;
    public const byte FlagSolicited = 0x40;
    public const byte FlagOverride = 0x20;

    private const int Ipv6HeaderLength = 40;
    private const byte NextHeaderIcmpv6 = 58;
    private const byte HopLimit = 255;
    private const byte OptionSourceLinkLayer = 1;
    private const byte OptionTargetLinkLayer = 2;
    private const int IcmpOffset = EthernetFrame.HeaderLength + Ipv6HeaderLength;

    /// <summary>ff02::1, all nodes on the link: where unsolicited advertisements and replies to DAD go.</summary>
    public static IPAddress AllNodes { get; } = IPAddress.Parse("ff02::1");

    /// <summary>ff02::1:ffXX:XXXX: the solicited-node group of an address, joined by whoever holds it.</summary>
    public static IPAddress SolicitedNode(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Span<byte> group = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, bytes[13], bytes[14], bytes[15]];
        return new IPAddress(group);
    }

    /// <summary>
    /// A neighbour solicitation for <paramref name="target"/>, sent to its solicited-node group. With source ::
    /// it is a duplicate address detection probe (RFC 4862 §5.4.2: no source link-layer option, and the holder
    /// answers to all nodes); otherwise it carries our MAC so the answer can come straight back.
    /// </summary>
    public static int WriteSolicitation(Span<byte> frame, PhysicalAddress sourceMac, IPAddress source, IPAddress target)
    {
        var withOption = !source.Equals(IPAddress.IPv6Any);
        var icmpLength = 24 + (withOption ? 8 : 0);
        var destination = SolicitedNode(target);
        var mac = sourceMac.GetAddressBytes();
        WriteHeaders(frame, mac, source, destination, icmpLength);

        var icmp = frame.Slice(IcmpOffset, icmpLength);
        icmp.Clear();
        icmp[0] = TypeSolicitation;
        target.TryWriteBytes(icmp[8..], out _);
        if (withOption)
        {
            icmp[24] = OptionSourceLinkLayer;
            icmp[25] = 1; // length in units of 8 bytes
            mac.CopyTo(icmp[26..]);
        }

        WriteChecksum(frame, icmpLength);
        return IcmpOffset + icmpLength;
    }

    /// <summary>An unsolicited advertisement of <paramref name="target"/> to all nodes, with override set, so peers replace a cached MAC.</summary>
    public static int WriteUnsolicitedAdvertisement(Span<byte> frame, PhysicalAddress sourceMac, IPAddress target)
    {
        const int icmpLength = 32;
        var mac = sourceMac.GetAddressBytes();
        WriteHeaders(frame, mac, target, AllNodes, icmpLength);

        var icmp = frame.Slice(IcmpOffset, icmpLength);
        icmp.Clear();
        icmp[0] = TypeAdvertisement;
        icmp[4] = FlagOverride;
        target.TryWriteBytes(icmp[8..], out _);
        icmp[24] = OptionTargetLinkLayer;
        icmp[25] = 1;
        mac.CopyTo(icmp[26..]);

        WriteChecksum(frame, icmpLength);
        return IcmpOffset + icmpLength;
    }

    /// <summary>
    /// Decodes a neighbour advertisement frame and validates it as RFC 4861 §7.1.2 asks (hop limit 255, code 0,
    /// checksum, length, no zero-length option); false for any other frame.
    /// </summary>
    public static bool TryParseAdvertisement(ReadOnlySpan<byte> frame, out NdpAdvertisement advertisement)
    {
        advertisement = default;
        if (frame.Length < IcmpOffset + 24 || EthernetFrame.EtherType(frame) != EthernetFrame.TypeIpv6)
        {
            return false;
        }

        var ip = frame[EthernetFrame.HeaderLength..];
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if ((ip[0] >> 4) != 6 || ip[6] != NextHeaderIcmpv6 || ip[7] != HopLimit || payloadLength < 24 || payloadLength > ip.Length - Ipv6HeaderLength)
        {
            return false;
        }

        var icmp = ip.Slice(Ipv6HeaderLength, payloadLength);
        if (icmp[0] != TypeAdvertisement || icmp[1] != 0 || Checksum(ip[8..24], ip[24..40], icmp) != 0)
        {
            return false;
        }

        PhysicalAddress? targetMac = null;
        var options = icmp[24..];
        while (options.Length >= 2)
        {
            var length = options[1] * 8;
            if (length == 0 || length > options.Length)
            {
                return false;
            }

            if (options[0] == OptionTargetLinkLayer && length >= 8)
            {
                targetMac = new PhysicalAddress(options.Slice(2, 6).ToArray());
            }

            options = options[length..];
        }

        advertisement = new NdpAdvertisement(
            new IPAddress(ip[8..24]),
            new IPAddress(icmp.Slice(8, 16)),
            icmp[4],
            targetMac,
            new PhysicalAddress(EthernetFrame.Source(frame).ToArray()));
        return true;
    }

    public static void RequireIPv6(IPAddress address, string name)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{name} {address} is not IPv6; neighbour discovery probes IPv6 addresses", name);
        }
    }

    /// <summary>IPv6 multicast maps to 33:33 plus the group's last 32 bits (RFC 2464 §7).</summary>
    private static void WriteHeaders(Span<byte> frame, ReadOnlySpan<byte> sourceMac, IPAddress source, IPAddress destination, int icmpLength)
    {
        Span<byte> destinationBytes = stackalloc byte[16];
        destination.TryWriteBytes(destinationBytes, out _);
        Span<byte> destinationMac = [0x33, 0x33, destinationBytes[12], destinationBytes[13], destinationBytes[14], destinationBytes[15]];
        EthernetFrame.WriteHeader(frame, destinationMac, sourceMac, EthernetFrame.TypeIpv6);

        var ip = frame.Slice(EthernetFrame.HeaderLength, Ipv6HeaderLength);
        ip.Clear();
        ip[0] = 0x60; // version 6, traffic class 0, flow label 0
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)icmpLength);
        ip[6] = NextHeaderIcmpv6;
        ip[7] = HopLimit;
        source.TryWriteBytes(ip[8..], out _);
        destinationBytes.CopyTo(ip[24..]);
    }

    private static void WriteChecksum(Span<byte> frame, int icmpLength)
    {
        var ip = frame[EthernetFrame.HeaderLength..];
        var icmp = frame.Slice(IcmpOffset, icmpLength);
        icmp[2] = 0;
        icmp[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(ip[8..24], ip[24..40], icmp));
    }

    /// <summary>
    /// The Internet checksum of the pseudo-header (source, destination, upper-layer length, next header 58) and
    /// the ICMPv6 message. Over a message that already holds its checksum the result is 0 when it is correct.
    /// </summary>
    internal static ushort Checksum(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> icmp)
    {
        ulong sum = 0;
        sum += SumWords(source);
        sum += SumWords(destination);
        sum += (uint)icmp.Length >> 16;
        sum += (uint)icmp.Length & 0xffff;
        sum += NextHeaderIcmpv6;
        sum += SumWords(icmp);
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static ulong SumWords(ReadOnlySpan<byte> bytes)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (i < bytes.Length)
        {
            sum += (ulong)bytes[i] << 8;
        }

        return sum;
    }
}
