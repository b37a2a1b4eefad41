namespace Spiderpool.Netlink.Links;

/// <summary>Bonding modes (<c>IFLA_BOND_MODE</c>, u8), numbered as in the bonding driver.</summary>
public enum BondMode
{
    BalanceRoundRobin = 0,
    ActiveBackup = 1,
    BalanceXor = 2,
    Broadcast = 3,
    Ieee8023AD = 4,
    BalanceTlb = 5,
    BalanceAlb = 6,
}
