using System.Net;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Addresses;

/// <summary>Decodes an RTM_NEWADDR payload (ifaddrmsg + attributes) into an <see cref="InterfaceAddress"/>.</summary>
internal static class AddressDecoder
{
    /// <summary>The address, or null for a family other than IPv4/IPv6 or a message without any address.</summary>
    public static InterfaceAddress? Decode(ReadOnlySpan<byte> payload)
    {
        var header = IfAddrMessage.Read(payload);
        if (AddressFamilies.FromKernel(header.Family) is not { } family)
        {
            return null;
        }

        IPAddress? address = null, local = null;
        string? label = null;
        var flags = (AddressFlags)header.Flags;
        var reader = new NetlinkAttributeReader(payload[IfAddrMessage.Size..]);
        while (reader.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Ifa.Address: address = NetlinkValue.Address(value, "IFA_ADDRESS"); break;
                case Ifa.Local: local = NetlinkValue.Address(value, "IFA_LOCAL"); break;
                case Ifa.Label: label = NetlinkValue.String(value); break;
                case Ifa.Flags: flags = (AddressFlags)NetlinkValue.U32(value, "IFA_FLAGS"); break;
            }
        }

        // IFA_LOCAL is this host's address whenever it is present; IFA_ADDRESS is then the peer (equal if none).
        var own = local ?? address;
        if (own is null)
        {
            return null;
        }

        if (own.AddressFamily != family || header.PrefixLength > AddressFamilies.AddressLength(family) * 8)
        {
            return ThrowHelper.ThrowDecode<InterfaceAddress>($"address {own}/{header.PrefixLength} does not fit the message's {AddressFamilies.Describe(family)} family");
        }

        return new InterfaceAddress(header.Index, own, header.PrefixLength)
        {
            Flags = flags,
            Scope = (RouteScope)header.Scope,
            Peer = local is not null && address is not null && !local.Equals(address) ? address : null,
            Label = label,
        };
    }
}
