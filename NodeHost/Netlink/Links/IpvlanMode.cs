namespace Spiderpool.Netlink.Links;

/// <summary><c>IPVLAN_MODE_*</c> (<c>IFLA_IPVLAN_MODE</c>, u16).</summary>
public enum IpvlanMode
{
    L2 = 0,
    L3 = 1,
    L3S = 2,
}
