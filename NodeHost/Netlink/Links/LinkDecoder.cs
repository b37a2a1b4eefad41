using System.Net.NetworkInformation;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Links;

/// <summary>Decodes an RTM_NEWLINK payload (ifinfomsg + attributes) into a <see cref="Link"/>.</summary>
internal static class LinkDecoder
{
    public static Link Decode(ReadOnlySpan<byte> payload)
    {
        var header = IfInfoMessage.Read(payload);
        var name = string.Empty;
        var mtu = 0;
        PhysicalAddress? mac = null;
        int? parent = null, master = null, netnsId = null;
        var operState = OperationalState.Unknown;
        var info = default(KindInfo);

        var reader = new NetlinkAttributeReader(payload[IfInfoMessage.Size..]);
        while (reader.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Ifla.IfName: name = NetlinkValue.String(value); break;
                case Ifla.Mtu: mtu = (int)NetlinkValue.U32(value, "IFLA_MTU"); break;
                case Ifla.Address: mac = NetlinkValue.HardwareAddress(value); break;
                case Ifla.Link: parent = NetlinkValue.S32(value, "IFLA_LINK"); break;
                case Ifla.Master: master = NetlinkValue.S32(value, "IFLA_MASTER"); break;
                case Ifla.OperState: operState = (OperationalState)NetlinkValue.U8(value, "IFLA_OPERSTATE"); break;
                case Ifla.LinkNetnsId: netnsId = NetlinkValue.S32(value, "IFLA_LINK_NETNSID"); break;
                case Ifla.LinkInfo: info = DecodeLinkInfo(value); break;
            }
        }

        return new Link(header.Index, name)
        {
            Flags = (LinkFlags)header.Flags,
            HardwareType = header.Type,
            Mtu = mtu,
            Mac = mac,
            OperationalState = operState,
            Kind = info.Kind,
            ParentIndex = parent,
            LinkNetnsId = netnsId,
            MasterIndex = master,
            MacvlanMode = info.MacvlanMode,
            IpvlanMode = info.IpvlanMode,
            IpvlanFlags = info.IpvlanFlags,
            VlanId = info.VlanId,
            VlanProtocol = info.VlanProtocol,
            BondMode = info.BondMode,
            BondMiimonMilliseconds = info.BondMiimon,
        };
    }

    private static KindInfo DecodeLinkInfo(ReadOnlySpan<byte> linkInfo)
    {
        var info = default(KindInfo);
        ReadOnlySpan<byte> data = default;
        var reader = new NetlinkAttributeReader(linkInfo);
        while (reader.TryRead(out var type, out var value))
        {
            if (type == Ifla.InfoKind)
            {
                info.Kind = NetlinkValue.String(value);
            }
            else if (type == Ifla.InfoData)
            {
                data = value;
            }
        }

        // IFLA_INFO_DATA's attribute numbers are per kind, so they only mean something once the kind is known.
        var dataReader = new NetlinkAttributeReader(data);
        while (dataReader.TryRead(out var type, out var value))
        {
            switch (info.Kind, type)
            {
                case ("macvlan" or "macvtap", Ifla.MacvlanMode):
                    info.MacvlanMode = (MacvlanMode)NetlinkValue.U32(value, "IFLA_MACVLAN_MODE");
                    break;
                case ("ipvlan" or "ipvtap", Ifla.IpvlanMode):
                    info.IpvlanMode = (IpvlanMode)NetlinkValue.U16(value, "IFLA_IPVLAN_MODE");
                    break;
                case ("ipvlan" or "ipvtap", Ifla.IpvlanFlags):
                    info.IpvlanFlags = (IpvlanFlags)NetlinkValue.U16(value, "IFLA_IPVLAN_FLAGS");
                    break;
                case ("vlan", Ifla.VlanId):
                    info.VlanId = NetlinkValue.U16(value, "IFLA_VLAN_ID");
                    break;
                case ("vlan", Ifla.VlanProtocol):
                    info.VlanProtocol = (VlanProtocol)NetlinkValue.U16BigEndian(value, "IFLA_VLAN_PROTOCOL");
                    break;
                case ("bond", Ifla.BondMode):
                    info.BondMode = (BondMode)NetlinkValue.U8(value, "IFLA_BOND_MODE");
                    break;
                case ("bond", Ifla.BondMiimon):
                    info.BondMiimon = NetlinkValue.U32(value, "IFLA_BOND_MIIMON");
                    break;
            }
        }

        return info;
    }

    private struct KindInfo
    {
        public string? Kind;
        public MacvlanMode? MacvlanMode;
        public IpvlanMode? IpvlanMode;
        public IpvlanFlags? IpvlanFlags;
        public int? VlanId;
        public VlanProtocol? VlanProtocol;
        public BondMode? BondMode;
        public uint? BondMiimon;
    }
}
