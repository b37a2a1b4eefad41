namespace Spiderpool.Netlink.Links;

/// <summary>A macvlan on <see cref="Parent"/> (IFLA_LINK) in the given mode.</summary>
public sealed record MacvlanLinkSpec : LinkSpec
{
    public MacvlanLinkSpec(string name, LinkRef parent, MacvlanMode mode = MacvlanMode.Bridge)
        : base(name)
    {
        Parent = parent;
        Mode = mode;
    }

    public override string Kind => "macvlan";

    public LinkRef Parent { get; }

    public MacvlanMode Mode { get; }

    internal override LinkRef? ParentLink => Parent;
}
