using System.Net.NetworkInformation;

namespace Spiderpool.Netlink.Links;

/// <summary>A link as the kernel reports it (RTM_NEWLINK reply to a get or dump).</summary>
public sealed record Link(int Index, string Name)
{
    public LinkFlags Flags { get; init; }

    /// <summary>ARPHRD_* hardware type (1 = Ethernet, 772 = loopback).</summary>
    public int HardwareType { get; init; }

    public int Mtu { get; init; }

    public PhysicalAddress? Mac { get; init; }

    public OperationalState OperationalState { get; init; }

    /// <summary>IFLA_INFO_KIND ("veth", "macvlan", ...), or null for links without one (physical NICs, loopback).</summary>
    public string? Kind { get; init; }

    /// <summary>IFLA_LINK: the lower device (macvlan's parent) or the veth peer; an index in <see cref="LinkNetnsId"/>'s namespace when that is set.</summary>
    public int? ParentIndex { get; init; }

    /// <summary>IFLA_LINK_NETNSID: the peer/parent lives in another namespace, known to this one under this id.</summary>
    public int? LinkNetnsId { get; init; }

    /// <summary>IFLA_MASTER: the bridge or bond this link is enslaved to.</summary>
    public int? MasterIndex { get; init; }

    public MacvlanMode? MacvlanMode { get; init; }

    public IpvlanMode? IpvlanMode { get; init; }

    public IpvlanFlags? IpvlanFlags { get; init; }

    public int? VlanId { get; init; }

    public VlanProtocol? VlanProtocol { get; init; }

    public BondMode? BondMode { get; init; }

    public uint? BondMiimonMilliseconds { get; init; }

    public bool IsUp => (Flags & LinkFlags.Up) != 0;
}
