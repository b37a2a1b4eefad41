namespace Spiderpool.Netlink.Links;

/// <summary><c>IPVLAN_F_*</c> (<c>IFLA_IPVLAN_FLAGS</c>, u16). Zero is bridge behaviour between slaves.</summary>
[Flags]
public enum IpvlanFlags
{
    Bridge = 0,
    Private = 0x01,
    Vepa = 0x02,
}
