namespace Spiderpool.Netlink.Links;

/// <summary>A bonding master in <see cref="Mode"/>, optionally with MII link monitoring.</summary>
public sealed record BondLinkSpec : LinkSpec
{
    public BondLinkSpec(string name, BondMode mode = BondMode.BalanceRoundRobin)
        : base(name)
    {
        Mode = mode;
    }

    public override string Kind => "bond";

    public BondMode Mode { get; }

    /// <summary>IFLA_BOND_MIIMON: link check interval in milliseconds; null keeps the driver default.</summary>
    public uint? MiimonMilliseconds { get; init; }
}
