using System.Net;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Routes;

/// <summary>Decodes an RTM_NEWROUTE payload (rtmsg + attributes) into a <see cref="Route"/>.</summary>
internal static class RouteDecoder
{
    /// <summary>The route, or null for a family this library does not model (MPLS, multicast routing tables).</summary>
    public static Route? Decode(ReadOnlySpan<byte> payload)
    {
        var header = RtMessage.Read(payload);
        if (AddressFamilies.FromKernel(header.Family) is not { } family)
        {
            return null;
        }

        IPAddress? destination = null, gateway = null, preferredSource = null;
        int? outputIndex = null;
        uint? priority = null, mtu = null;
        uint table = header.Table;
        var multipath = 0;

        var reader = new NetlinkAttributeReader(payload[RtMessage.Size..]);
        while (reader.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Rta.Destination: destination = FamilyAddress(value, family, "RTA_DST"); break;
                case Rta.Gateway: gateway = FamilyAddress(value, family, "RTA_GATEWAY"); break;
                case Rta.PreferredSource: preferredSource = FamilyAddress(value, family, "RTA_PREFSRC"); break;
                case Rta.OutputInterface: outputIndex = NetlinkValue.S32(value, "RTA_OIF"); break;
                case Rta.Priority: priority = NetlinkValue.U32(value, "RTA_PRIORITY"); break;
                case Rta.Table: table = NetlinkValue.U32(value, "RTA_TABLE"); break;
                case Rta.Metrics: mtu = DecodeMtu(value); break;
                case Rta.Multipath: multipath = CountNexthops(value); break;
            }
        }

        return new Route(AddressFamilies.Prefix(destination ?? AddressFamilies.Any(family), header.DestinationLength, "RTA_DST"))
        {
            Gateway = gateway,
            OutputIndex = outputIndex,
            PreferredSource = preferredSource,
            Table = table,
            Scope = (RouteScope)header.Scope,
            Protocol = (RouteProtocol)header.Protocol,
            Type = (RouteType)header.Type,
            Priority = priority,
            Mtu = mtu,
            Flags = header.Flags,
            MultipathCount = multipath,
        };
    }

    private static IPAddress FamilyAddress(ReadOnlySpan<byte> value, System.Net.Sockets.AddressFamily family, string name) =>
        value.Length == AddressFamilies.AddressLength(family)
            ? new IPAddress(value)
            : ThrowHelper.ThrowDecode<IPAddress>($"{name} is {value.Length} bytes in a {AddressFamilies.Describe(family)} route");

    private static uint? DecodeMtu(ReadOnlySpan<byte> metrics)
    {
        var reader = new NetlinkAttributeReader(metrics);
        while (reader.TryRead(out var type, out var value))
        {
            if (type == Rta.MetricMtu)
            {
                return NetlinkValue.U32(value, "RTAX_MTU");
            }
        }

        return null;
    }

    /// <summary>RTA_MULTIPATH is a sequence of rtnexthop (u16 length, flags, hops, s32 ifindex) records, each padded to 4.</summary>
    private static int CountNexthops(ReadOnlySpan<byte> value)
    {
        var count = 0;
        while (value.Length >= 8)
        {
            var length = System.Runtime.InteropServices.MemoryMarshal.Read<ushort>(value);
            if (length < 8 || length > value.Length)
            {
                return ThrowHelper.ThrowDecode<int>($"rtnexthop length {length} is outside the 8..{value.Length} bytes left");
            }

            count++;
            value = value[Math.Min(NetlinkAlign.Align(length), value.Length)..];
        }

        return count;
    }
}
