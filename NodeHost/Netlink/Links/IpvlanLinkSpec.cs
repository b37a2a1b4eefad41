namespace Spiderpool.Netlink.Links;

/// <summary>An ipvlan on <see cref="Parent"/> (IFLA_LINK) with its mode and flags.</summary>
public sealed record IpvlanLinkSpec : LinkSpec
{
    public IpvlanLinkSpec(string name, LinkRef parent, IpvlanMode mode = IpvlanMode.L2, IpvlanFlags flags = IpvlanFlags.Bridge)
        : base(name)
    {
        Parent = parent;
        Mode = mode;
        Flags = flags;
    }

    public override string Kind => "ipvlan";

    public LinkRef Parent { get; }

    public IpvlanMode Mode { get; }

    public IpvlanFlags Flags { get; }

    internal override LinkRef? ParentLink => Parent;
}
