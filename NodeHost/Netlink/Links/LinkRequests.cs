using System.Net.NetworkInformation;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Links;

/// <summary>
/// Encodes RTM_NEWLINK / RTM_DELLINK / RTM_SETLINK / RTM_GETLINK. Layouts follow linux/if_link.h: an ifinfomsg,
/// then attributes; a new link's kind goes in IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA { per kind } }.
/// </summary>
internal static class LinkRequests
{
    private const NetlinkFlags Change = NetlinkFlags.Request | NetlinkFlags.Ack;

    public static void GetByIndex(NetlinkMessageBuilder builder, int index)
    {
        builder.Begin(NetlinkMessageType.GetLink, NetlinkFlags.Request);
        new IfInfoMessage(0, 0, index, 0, 0).Write(builder.AppendFixed(IfInfoMessage.Size));
        builder.PutU32(Ifla.ExtMask, Ifla.ExtFilterSkipStats);
    }

    public static void GetByName(NetlinkMessageBuilder builder, string name)
    {
        builder.Begin(NetlinkMessageType.GetLink, NetlinkFlags.Request);
        builder.AppendFixed(IfInfoMessage.Size);
        builder.PutU32(Ifla.ExtMask, Ifla.ExtFilterSkipStats);
        builder.PutString(Ifla.IfName, name);
    }

    public static void Get(NetlinkMessageBuilder builder, LinkRef link)
    {
        if (link.Name is { } name)
        {
            GetByName(builder, name);
        }
        else
        {
            GetByIndex(builder, link.Index);
        }
    }

    public static void Dump(NetlinkMessageBuilder builder)
    {
        builder.Begin(NetlinkMessageType.GetLink, NetlinkFlags.Request | NetlinkFlags.Dump);
        builder.AppendFixed(IfInfoMessage.Size);
        builder.PutU32(Ifla.ExtMask, Ifla.ExtFilterSkipStats);
    }

    /// <summary>RTM_NEWLINK with NLM_F_CREATE|NLM_F_EXCL: fails with EEXIST rather than changing an existing link.</summary>
    /// <param name="parentIndex">The resolved <see cref="LinkSpec.ParentLink"/>, or 0 for kinds without a parent.</param>
    /// <param name="namespaceFd">The descriptor behind <see cref="LinkSpec.Namespace"/> (kept open by the caller), or -1.</param>
    /// <param name="peerNamespaceFd">The descriptor behind <see cref="VethLinkSpec.PeerNamespace"/>, or -1.</param>
    public static void New(NetlinkMessageBuilder builder, LinkSpec spec, int parentIndex, int namespaceFd = -1, int peerNamespaceFd = -1)
    {
        builder.Begin(NetlinkMessageType.NewLink, Change | NetlinkFlags.Create | NetlinkFlags.Exclusive);
        builder.AppendFixed(IfInfoMessage.Size);
        if (parentIndex > 0)
        {
            builder.PutU32(Ifla.Link, (uint)parentIndex);
        }

        builder.PutString(Ifla.IfName, spec.Name);
        PutCommon(builder, spec.Mtu, spec.Mac, namespaceFd);

        var linkInfo = builder.BeginNested(Ifla.LinkInfo);
        builder.PutStringUnterminated(Ifla.InfoKind, spec.Kind);
        switch (spec)
        {
            case VethLinkSpec veth:
                {
                    var data = builder.BeginNested(Ifla.InfoData);
                    // VETH_INFO_PEER carries a whole ifinfomsg followed by the peer's own IFLA_* attributes.
                    var peer = builder.BeginNested(Ifla.VethInfoPeer);
                    builder.AppendFixed(IfInfoMessage.Size);
                    builder.PutString(Ifla.IfName, veth.PeerName);
                    PutCommon(builder, veth.PeerMtu, veth.PeerMac, peerNamespaceFd);
                    builder.EndNested(peer);
                    builder.EndNested(data);
                    break;
                }

            case MacvlanLinkSpec macvlan:
                if (macvlan.Mode != MacvlanMode.Unspecified)
                {
                    var data = builder.BeginNested(Ifla.InfoData);
                    builder.PutU32(Ifla.MacvlanMode, (uint)macvlan.Mode);
                    builder.EndNested(data);
                }

                break;

            case IpvlanLinkSpec ipvlan:
                {
                    var data = builder.BeginNested(Ifla.InfoData);
                    builder.PutU16(Ifla.IpvlanMode, (ushort)ipvlan.Mode);
                    builder.PutU16(Ifla.IpvlanFlags, (ushort)ipvlan.Flags);
                    builder.EndNested(data);
                    break;
                }

            case VlanLinkSpec vlan:
                {
                    var data = builder.BeginNested(Ifla.InfoData);
                    builder.PutU16(Ifla.VlanId, (ushort)vlan.VlanId);
                    builder.PutU16BigEndian(Ifla.VlanProtocol, (ushort)vlan.Protocol);
                    builder.EndNested(data);
                    break;
                }

            case BondLinkSpec bond:
                {
                    var data = builder.BeginNested(Ifla.InfoData);
                    builder.PutU8(Ifla.BondMode, (byte)bond.Mode);
                    if (bond.MiimonMilliseconds is { } miimon)
                    {
                        builder.PutU32(Ifla.BondMiimon, miimon);
                    }

                    builder.EndNested(data);
                    break;
                }

            case DummyLinkSpec:
                break;
        }

        builder.EndNested(linkInfo);
    }

    public static void Delete(NetlinkMessageBuilder builder, LinkRef link) =>
        BeginTargeted(builder, NetlinkMessageType.DelLink, link, flags: 0, change: 0);

    /// <summary>RTM_SETLINK changing only IFF_UP (ifi_change masks the bits the kernel applies).</summary>
    public static void SetUp(NetlinkMessageBuilder builder, LinkRef link, bool up) =>
        BeginTargeted(builder, NetlinkMessageType.SetLink, link, flags: up ? Ifla.FlagUp : 0, change: Ifla.FlagUp);

    /// <summary>Renaming needs the index: with index 0 the kernel would read IFLA_IFNAME as the link to change.</summary>
    public static void Rename(NetlinkMessageBuilder builder, int index, string newName)
    {
        builder.Begin(NetlinkMessageType.SetLink, Change);
        new IfInfoMessage(0, 0, index, 0, 0).Write(builder.AppendFixed(IfInfoMessage.Size));
        builder.PutString(Ifla.IfName, newName);
    }

    public static void SetMac(NetlinkMessageBuilder builder, LinkRef link, PhysicalAddress mac)
    {
        BeginTargeted(builder, NetlinkMessageType.SetLink, link, 0, 0);
        builder.PutBytes(Ifla.Address, mac.GetAddressBytes());
    }

    public static void SetMtu(NetlinkMessageBuilder builder, LinkRef link, int mtu)
    {
        BeginTargeted(builder, NetlinkMessageType.SetLink, link, 0, 0);
        builder.PutU32(Ifla.Mtu, (uint)mtu);
    }

    /// <summary>Moves the link into the namespace behind an open namespace file descriptor (IFLA_NET_NS_FD).</summary>
    /// <param name="newName">Also rename the link; then <paramref name="link"/> must be by index (the name slot holds the new name).</param>
    public static void SetNamespaceFd(NetlinkMessageBuilder builder, LinkRef link, int fd, string? newName)
    {
        if (newName is null)
        {
            BeginTargeted(builder, NetlinkMessageType.SetLink, link, 0, 0);
        }
        else
        {
            builder.Begin(NetlinkMessageType.SetLink, Change);
            new IfInfoMessage(0, 0, link.Index, 0, 0).Write(builder.AppendFixed(IfInfoMessage.Size));
            builder.PutString(Ifla.IfName, newName);
        }

        builder.PutU32(Ifla.NetNsFd, (uint)fd);
    }

    /// <summary>Moves the link into the network namespace of process <paramref name="pid"/> (IFLA_NET_NS_PID).</summary>
    public static void SetNamespacePid(NetlinkMessageBuilder builder, LinkRef link, int pid)
    {
        BeginTargeted(builder, NetlinkMessageType.SetLink, link, 0, 0);
        builder.PutU32(Ifla.NetNsPid, (uint)pid);
    }

    /// <summary>An ifinfomsg for the link's index, or index 0 plus IFLA_IFNAME: SETLINK/DELLINK look a name up themselves.</summary>
    private static void BeginTargeted(NetlinkMessageBuilder builder, ushort type, LinkRef link, uint flags, uint change)
    {
        builder.Begin(type, Change);
        new IfInfoMessage(0, 0, link.Index, flags, change).Write(builder.AppendFixed(IfInfoMessage.Size));
        if (link.Name is { } name)
        {
            builder.PutString(Ifla.IfName, name);
        }
    }

    private static void PutCommon(NetlinkMessageBuilder builder, int? mtu, PhysicalAddress? mac, int namespaceFd)
    {
        if (mtu is { } value)
        {
            builder.PutU32(Ifla.Mtu, (uint)value);
        }

        if (mac is not null)
        {
            builder.PutBytes(Ifla.Address, mac.GetAddressBytes());
        }

        if (namespaceFd >= 0)
        {
            builder.PutU32(Ifla.NetNsFd, (uint)namespaceFd);
        }
    }
}
