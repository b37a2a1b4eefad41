using System.Net;

namespace Spiderpool.Netlink.Probes;

/// <summary>
/// IPv6 probes over neighbour discovery (RFC 4861, RFC 4862), sent and received as whole Ethernet frames on an
/// AF_PACKET socket rather than through an ICMPv6 socket: the kernel's IPv6 output path cannot send from the
/// unspecified address :: (it picks a source, and fails while the interface's addresses are still tentative), and
/// only delivers the answer to an ICMPv6 socket if the destination address is already usable here. At the frame
/// level neither matters, so the probe works the moment the link is up — no waiting for a link-local address to
/// finish its own duplicate address detection.
/// </summary>
internal static class NdpProber
{
    private const int FrameSize = 128;

    /// <summary>
    /// Duplicate address detection style: a solicitation from :: to the address's solicited-node group. The holder
    /// answers with an advertisement to all nodes (with its MAC in the target link-layer option); one for our
    /// address from a MAC that is not ours is a conflict.
    /// </summary>
    public static ProbeResult CheckConflict(ProbeInterface link, IPAddress address, ProbeOptions options, long start)
    {
        using var socket = PacketSocket.Open(link.Index, EthernetFrame.TypeIpv6, link.Name);
        Span<byte> frame = stackalloc byte[FrameSize];
        var length = NdpPacket.WriteSolicitation(frame, link.Mac, IPAddress.IPv6Any, address);
        return ProbeLoop.Run(socket, frame[..length], options, start, received => Answer(received, address, link), ProbeOutcome.Conflict, ProbeOutcome.Free);
    }

    /// <summary>A solicitation from <paramref name="source"/> (with our MAC) for the gateway; its advertisement means reachable.</summary>
    public static ProbeResult CheckGateway(ProbeInterface link, IPAddress source, IPAddress gateway, ProbeOptions options, long start)
    {
        using var socket = PacketSocket.Open(link.Index, EthernetFrame.TypeIpv6, link.Name);
        Span<byte> frame = stackalloc byte[FrameSize];
        var length = NdpPacket.WriteSolicitation(frame, link.Mac, source, gateway);
        return ProbeLoop.Run(socket, frame[..length], options, start, received => Answer(received, gateway, link), ProbeOutcome.Reachable, ProbeOutcome.Unreachable);
    }

    /// <summary>Unsolicited advertisement to all nodes with the override flag: peers with a cached entry take our MAC.</summary>
    public static void Announce(ProbeInterface link, IPAddress address)
    {
        using var socket = PacketSocket.Open(link.Index, EthernetFrame.TypeIpv6, link.Name);
        Span<byte> frame = stackalloc byte[FrameSize];
        var length = NdpPacket.WriteUnsolicitedAdvertisement(frame, link.Mac, address);
        socket.Send(frame[..length]);
    }

    /// <summary>
    /// The advertiser's MAC if the frame advertises <paramref name="target"/> from another host. The target
    /// link-layer option is required in answers to multicast solicitations (RFC 4861 §7.2.4); if a host leaves it
    /// out, the frame's source MAC still identifies it.
    /// </summary>
    private static System.Net.NetworkInformation.PhysicalAddress? Answer(ReadOnlySpan<byte> frame, IPAddress target, ProbeInterface link)
    {
        if (!NdpPacket.TryParseAdvertisement(frame, out var advertisement) || !SameAddress(advertisement.Target, target))
        {
            return null;
        }

        var mac = advertisement.TargetMac ?? advertisement.EthernetSource;
        return mac.Equals(link.Mac) ? null : mac;
    }

    /// <summary>Address equality without the scope id (IPAddress.Equals compares it; addresses off the wire have none).</summary>
    private static bool SameAddress(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, out _);
        b.TryWriteBytes(y, out _);
        return x.SequenceEqual(y);
    }
}
