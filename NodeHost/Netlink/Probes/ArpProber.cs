using System.Net;

namespace Spiderpool.Netlink.Probes;

/// <summary>IPv4 probes over ARP (RFC 826, RFC 5227) on an AF_PACKET socket.</summary>
internal static class ArpProber
{
    /// <summary>
    /// RFC 5227 probe: a request from 0.0.0.0 for <paramref name="address"/>. Any ARP packet whose sender IP is the
    /// address and whose sender MAC is not ours means another host holds it. The 0.0.0.0 sender keeps the holder
    /// (and everyone else) from caching us for an address we may not get to keep.
    /// </summary>
    public static ProbeResult CheckConflict(ProbeInterface link, IPAddress address, ProbeOptions options, long start)
    {
        using var socket = PacketSocket.Open(link.Index, EthernetFrame.TypeArp, link.Name);
        Span<byte> frame = stackalloc byte[EthernetFrame.MinimumLength];
        var length = ArpPacket.WriteRequest(frame, link.Mac, IPAddress.Any, address);
        return ProbeLoop.Run(
            socket,
            frame[..length],
            options,
            start,
            received => ArpPacket.TryParse(received, out var arp) && arp.SenderIp.Equals(address) && !arp.SenderMac.Equals(link.Mac) ? arp.SenderMac : null,
            ProbeOutcome.Conflict,
            ProbeOutcome.Free);
    }

    /// <summary>An ordinary request from <paramref name="source"/> for the gateway; its ARP reply means reachable.</summary>
    public static ProbeResult CheckGateway(ProbeInterface link, IPAddress source, IPAddress gateway, ProbeOptions options, long start)
    {
        using var socket = PacketSocket.Open(link.Index, EthernetFrame.TypeArp, link.Name);
        Span<byte> frame = stackalloc byte[EthernetFrame.MinimumLength];
        var length = ArpPacket.WriteRequest(frame, link.Mac, source, gateway);
        return ProbeLoop.Run(
            socket,
            frame[..length],
            options,
            start,
            received => ArpPacket.TryParse(received, out var arp) && arp.Operation == ArpMessage.Reply && arp.SenderIp.Equals(gateway) && !arp.SenderMac.Equals(link.Mac) ? arp.SenderMac : null,
            ProbeOutcome.Reachable,
            ProbeOutcome.Unreachable);
    }

    /// <summary>Gratuitous ARP: a broadcast request with sender IP = target IP, so peers with a cached entry update it to our MAC.</summary>
    public static void Announce(ProbeInterface link, IPAddress address)
    {
        using var socket = PacketSocket.Open(link.Index, EthernetFrame.TypeArp, link.Name);
        Span<byte> frame = stackalloc byte[EthernetFrame.MinimumLength];
        var length = ArpPacket.WriteRequest(frame, link.Mac, address, address);
        socket.Send(frame[..length]);
    }
}
