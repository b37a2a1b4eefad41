using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Neighbours;

/// <summary>Encodes RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH: an ndmsg, NDA_DST and NDA_LLADDR.</summary>
internal static class NeighbourRequests
{
    public static void New(NetlinkMessageBuilder builder, NeighbourSpec spec, int index, bool replace)
    {
        var flags = NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Create | (replace ? NetlinkFlags.Replace : NetlinkFlags.Exclusive);
        builder.Begin(NetlinkMessageType.NewNeigh, flags);
        new NdMessage(AddressFamilies.ToKernel(spec.Address.AddressFamily), index, (ushort)spec.State, 0, 0).Write(builder.AppendFixed(NdMessage.Size));
        builder.PutAddress(Nda.Destination, spec.Address);
        if (spec.LinkLayerAddress is { } mac)
        {
            builder.PutBytes(Nda.LinkLayerAddress, mac.GetAddressBytes());
        }
    }

    public static void Delete(NetlinkMessageBuilder builder, NeighbourSpec spec, int index)
    {
        builder.Begin(NetlinkMessageType.DelNeigh, NetlinkFlags.Request | NetlinkFlags.Ack);
        new NdMessage(AddressFamilies.ToKernel(spec.Address.AddressFamily), index, 0, 0, 0).Write(builder.AppendFixed(NdMessage.Size));
        builder.PutAddress(Nda.Destination, spec.Address);
    }

    public static void Dump(NetlinkMessageBuilder builder, byte family)
    {
        builder.Begin(NetlinkMessageType.GetNeigh, NetlinkFlags.Request | NetlinkFlags.Dump);
        new NdMessage(family, 0, 0, 0, 0).Write(builder.AppendFixed(NdMessage.Size));
    }
}
