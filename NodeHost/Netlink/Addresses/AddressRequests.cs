using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Addresses;

/// <summary>
/// Encodes RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR. Like iproute2, a new address is sent as both IFA_LOCAL and
/// IFA_ADDRESS (for IPv4 the kernel reads IFA_LOCAL as the address and IFA_ADDRESS as the peer; equal means no
/// peer). A delete sends the same pair, which makes the kernel also match the prefix length.
/// </summary>
internal static class AddressRequests
{
    public static void New(NetlinkMessageBuilder builder, AddressSpec spec, int index, bool replace)
    {
        var flags = NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Create | (replace ? NetlinkFlags.Replace : NetlinkFlags.Exclusive);
        builder.Begin(NetlinkMessageType.NewAddr, flags);
        WriteHeader(builder, spec, index);
        builder.PutAddress(Ifa.Local, spec.Address);
        builder.PutAddress(Ifa.Address, spec.Address);
        if (spec.Label is { } label)
        {
            builder.PutString(Ifa.Label, label);
        }

        // ifa_flags holds only 8 bits; the kernel prefers IFA_FLAGS when present, so send it when it matters.
        if ((uint)spec.Flags > 0xff)
        {
            builder.PutU32(Ifa.Flags, (uint)spec.Flags);
        }
    }

    public static void Delete(NetlinkMessageBuilder builder, AddressSpec spec, int index)
    {
        builder.Begin(NetlinkMessageType.DelAddr, NetlinkFlags.Request | NetlinkFlags.Ack);
        WriteHeader(builder, spec, index);
        builder.PutAddress(Ifa.Local, spec.Address);
        builder.PutAddress(Ifa.Address, spec.Address);
    }

    public static void Dump(NetlinkMessageBuilder builder, byte family)
    {
        builder.Begin(NetlinkMessageType.GetAddr, NetlinkFlags.Request | NetlinkFlags.Dump);
        new IfAddrMessage(family, 0, 0, 0, 0).Write(builder.AppendFixed(IfAddrMessage.Size));
    }

    private static void WriteHeader(NetlinkMessageBuilder builder, AddressSpec spec, int index) =>
        new IfAddrMessage(
            AddressFamilies.ToKernel(spec.Address.AddressFamily),
            (byte)spec.PrefixLength,
            (byte)((uint)spec.Flags & 0xff),
            (byte)spec.Scope,
            index).Write(builder.AppendFixed(IfAddrMessage.Size));
}
