namespace Spiderpool.Netlink.Links;

/// <summary>Attribute numbers from linux/if_link.h and linux/veth.h used by the link requests.</summary>
internal static class Ifla
{
    public const ushort Address = 1;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;
    public const ushort NetNsPid = 19;
    public const ushort NetNsFd = 28;
    public const ushort ExtMask = 29;
    public const ushort LinkNetnsId = 37;

    // Nested in IFLA_LINKINFO.
    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;

    // Nested in IFLA_INFO_DATA, per kind.
    public const ushort VethInfoPeer = 1;
    public const ushort MacvlanMode = 1;
    public const ushort IpvlanMode = 1;
    public const ushort IpvlanFlags = 2;
    public const ushort VlanId = 1;
    public const ushort VlanProtocol = 5;
    public const ushort BondMode = 1;
    public const ushort BondMiimon = 3;

    /// <summary>RTEXT_FILTER_SKIP_STATS for IFLA_EXT_MASK: leave the ~400 bytes of counters out of every reply.</summary>
    public const uint ExtFilterSkipStats = 1 << 3;

    /// <summary>IFF_UP in ifi_flags/ifi_change.</summary>
    public const uint FlagUp = 0x1;
}
