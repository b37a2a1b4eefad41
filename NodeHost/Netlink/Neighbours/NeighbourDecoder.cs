using System.Net;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Neighbours;

/// <summary>Decodes an RTM_NEWNEIGH payload (ndmsg + attributes) into a <see cref="Neighbour"/>.</summary>
internal static class NeighbourDecoder
{
    /// <summary>The entry, or null for families other than IPv4/IPv6 (bridge FDB entries share the message type).</summary>
    public static Neighbour? Decode(ReadOnlySpan<byte> payload)
    {
        var header = NdMessage.Read(payload);
        if (AddressFamilies.FromKernel(header.Family) is not { } family)
        {
            return null;
        }

        IPAddress? destination = null;
        PhysicalAddress? mac = null;
        var reader = new NetlinkAttributeReader(payload[NdMessage.Size..]);
        while (reader.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Nda.Destination: destination = NetlinkValue.Address(value, "NDA_DST"); break;
                case Nda.LinkLayerAddress: mac = NetlinkValue.HardwareAddress(value); break;
            }
        }

        if (destination is null)
        {
            return null;
        }

        if (destination.AddressFamily != family)
        {
            return ThrowHelper.ThrowDecode<Neighbour>($"NDA_DST {destination} is not {AddressFamilies.Describe(family)}");
        }

        return new Neighbour(header.Index, destination)
        {
            LinkLayerAddress = mac,
            State = (NeighbourState)header.State,
            Flags = header.Flags,
        };
    }
}
