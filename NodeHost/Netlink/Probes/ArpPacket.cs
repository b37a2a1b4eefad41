using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Spiderpool.Netlink.Probes;

/// <summary>
/// Ethernet frames carrying ARP for IPv4 over Ethernet (RFC 826): htype 1, ptype 0x0800, hlen 6, plen 4, then
/// operation, sender MAC/IP, target MAC/IP — 28 bytes after the 14-byte Ethernet header.
/// </summary>
internal static class ArpPacket
{
    public const int Length = 28;

    /// <summary>
    /// A broadcast ARP request. Sender IP 0.0.0.0 makes it an RFC 5227 probe (the holder answers without caching
    /// us); sender IP = target IP makes it a gratuitous ARP announcement.
    /// </summary>
    /// <returns>The frame length: padded to the 60-byte Ethernet minimum, since not every driver pads runts.</returns>
    public static int WriteRequest(Span<byte> frame, PhysicalAddress senderMac, IPAddress senderIp, IPAddress targetIp)
    {
        var mac = senderMac.GetAddressBytes();
        frame[..EthernetFrame.MinimumLength].Clear();
        EthernetFrame.WriteHeader(frame, EthernetFrame.Broadcast, mac, EthernetFrame.TypeArp);
        var arp = frame[EthernetFrame.HeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);          // hardware type: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800); // protocol type: IPv4
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], ArpMessage.Request);
        mac.CopyTo(arp[8..]);
        senderIp.TryWriteBytes(arp[14..], out _);
        // Target MAC stays zero: it is what the request asks for.
        targetIp.TryWriteBytes(arp[24..], out _);
        return EthernetFrame.MinimumLength;
    }

    /// <summary>Decodes an ARP frame; false for anything that is not Ethernet/IPv4 ARP.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out ArpMessage message)
    {
        message = default;
        if (frame.Length < EthernetFrame.HeaderLength + Length || EthernetFrame.EtherType(frame) != EthernetFrame.TypeArp)
        {
            return false;
        }

        var arp = frame[EthernetFrame.HeaderLength..];
        if (BinaryPrimitives.ReadUInt16BigEndian(arp) != 1 || BinaryPrimitives.ReadUInt16BigEndian(arp[2..]) != 0x0800 || arp[4] != 6 || arp[5] != 4)
        {
            return false;
        }

        message = new ArpMessage(
            BinaryPrimitives.ReadUInt16BigEndian(arp[6..]),
            new PhysicalAddress(arp.Slice(8, 6).ToArray()),
            new IPAddress(arp.Slice(14, 4)),
            new PhysicalAddress(arp.Slice(18, 6).ToArray()),
            new IPAddress(arp.Slice(24, 4)));
        return true;
    }

    public static void RequireIPv4(IPAddress address, string name)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{name} {address} is not IPv4; ARP probes IPv4 addresses", name);
        }
    }
}
