namespace Spiderpool.Netlink.Links;

/// <summary>A dummy link (no IFLA_INFO_DATA).</summary>
public sealed record DummyLinkSpec : LinkSpec
{
    public DummyLinkSpec(string name)
        : base(name)
    {
    }

    public override string Kind => "dummy";
}
