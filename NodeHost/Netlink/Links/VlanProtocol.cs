namespace Spiderpool.Netlink.Links;

/// <summary>The VLAN tag's ethertype (<c>IFLA_VLAN_PROTOCOL</c>, sent in network byte order).</summary>
public enum VlanProtocol
{
    /// <summary>802.1Q, ethertype 0x8100.</summary>
    Ieee8021Q = 0x8100,

    /// <summary>802.1ad (QinQ outer tag), ethertype 0x88a8.</summary>
    Ieee8021AD = 0x88A8,
}
