using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Links;

/// <summary>
/// A link to create with RTM_NEWLINK. The kinds are the sealed records in this namespace (veth, macvlan, ipvlan,
/// vlan, bond, dummy); the set is closed because each needs its own IFLA_INFO_DATA encoding.
/// </summary>
public abstract record LinkSpec
{
    private protected LinkSpec(string name)
    {
        LinkRef.ValidateName(name, nameof(name));
        Name = name;
    }

    /// <summary>The new link's name (IFLA_IFNAME).</summary>
    public string Name { get; }

    /// <summary>The driver name sent as IFLA_INFO_KIND.</summary>
    public abstract string Kind { get; }

    /// <summary>IFLA_MTU; null leaves the driver's default (for macvlan/ipvlan/vlan: the parent's MTU).</summary>
    public int? Mtu { get; init; }

    /// <summary>IFLA_ADDRESS; null lets the driver pick (a random locally administered MAC, or the parent's for ipvlan).</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>
    /// IFLA_NET_NS_FD: create the link directly inside this network namespace (an open /proc/…/ns/net or
    /// /run/netns/… file). The parent of a macvlan/ipvlan/vlan is still looked up in the namespace of the socket.
    /// </summary>
    public SafeHandle? Namespace { get; init; }

    /// <summary>The lower device of a macvlan/ipvlan/vlan (IFLA_LINK), or null for kinds without one.</summary>
    internal virtual LinkRef? ParentLink => null;
}
