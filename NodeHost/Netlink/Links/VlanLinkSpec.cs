namespace Spiderpool.Netlink.Links;

/// <summary>An 802.1Q/802.1ad VLAN sub-interface of <see cref="Parent"/>.</summary>
public sealed record VlanLinkSpec : LinkSpec
{
    /// <summary>VLAN ids 0 and 4095 are reserved by 802.1Q; the kernel accepts 0..4094.</summary>
    public const int MaxVlanId = 4094;

    public VlanLinkSpec(string name, LinkRef parent, int vlanId, VlanProtocol protocol = VlanProtocol.Ieee8021Q)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vlanId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vlanId, MaxVlanId);
        Parent = parent;
        VlanId = vlanId;
        Protocol = protocol;
    }

    public override string Kind => "vlan";

    public LinkRef Parent { get; }

    public int VlanId { get; }

    public VlanProtocol Protocol { get; }

    internal override LinkRef? ParentLink => Parent;
}
