using System.Net.NetworkInformation;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Protocol;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class LinkDecoderTests
{
    [Fact]
    public void CapturedMacvlanReply_DecodesEveryFieldWeModel()
    {
        var link = Assert.IsType<Link>(Assert.Single(NetlinkDatagram.Decode(CapturedReplies.MacvlanLink)));

        Assert.Equal(4, link.Index);
        Assert.Equal("mv0", link.Name);
        Assert.Equal(1400, link.Mtu);
        Assert.Equal(PhysicalAddress.Parse("02-11-22-33-44-55"), link.Mac);
        Assert.Equal("macvlan", link.Kind);
        Assert.Equal(MacvlanMode.Bridge, link.MacvlanMode);
        Assert.Equal(3, link.ParentIndex);
        Assert.Equal(OperationalState.Down, link.OperationalState);
        Assert.Equal(LinkFlags.Broadcast | LinkFlags.Multicast, link.Flags);
        Assert.Equal(1, link.HardwareType);
        Assert.False(link.IsUp);
    }

    public static TheoryData<LinkSpec> Kinds => new()
    {
        new MacvlanLinkSpec("mv0", 3, MacvlanMode.Passthru),
        new IpvlanLinkSpec("ipv0", 3, IpvlanMode.L3S, IpvlanFlags.Vepa),
        new VlanLinkSpec("vl0", 3, 4094, VlanProtocol.Ieee8021Q),
        new BondLinkSpec("bond0", BondMode.ActiveBackup) { MiimonMilliseconds = 250 },
        new DummyLinkSpec("d0") { Mtu = 9000, Mac = PhysicalAddress.Parse("02-00-00-00-00-01") },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ANewLinkRequest_DecodesBackToItsSpec(LinkSpec spec)
    {
        // A request and a reply share the layout (ifinfomsg + IFLA_*), so decoding our own request checks both sides.
        var message = LinkRequestTests.Encode(b => LinkRequests.New(b, spec, parentIndex: spec is BondLinkSpec or DummyLinkSpec ? 0 : 3));

        var link = LinkDecoder.Decode(message.AsSpan(NetlinkHeader.Size));

        Assert.Equal(spec.Name, link.Name);
        Assert.Equal(spec.Kind, link.Kind);
        Assert.Equal(spec.Mtu ?? 0, link.Mtu);
        Assert.Equal(spec.Mac, link.Mac);
        switch (spec)
        {
            case MacvlanLinkSpec m:
                Assert.Equal(m.Mode, link.MacvlanMode);
                Assert.Equal(3, link.ParentIndex);
                break;
            case IpvlanLinkSpec i:
                Assert.Equal(i.Mode, link.IpvlanMode);
                Assert.Equal(i.Flags, link.IpvlanFlags);
                break;
            case VlanLinkSpec v:
                Assert.Equal(v.VlanId, link.VlanId);
                Assert.Equal(v.Protocol, link.VlanProtocol);
                break;
            case BondLinkSpec b:
                Assert.Equal(b.Mode, link.BondMode);
                Assert.Equal(b.MiimonMilliseconds, link.BondMiimonMilliseconds);
                break;
        }
    }

    [Fact]
    public void LinkInfo_WithTheNestedFlagSet_StillDecodes()
    {
        var payload = Hex("00000000 04000000 00000000 00000000" + "1400 1280 0800 0100 76657468 0800 0200 0400 0100");

        var link = LinkDecoder.Decode(payload);

        Assert.Equal("veth", link.Kind);
    }

    [Fact]
    public void InfoData_OfAnUnknownKind_IsIgnored()
    {
        var payload = Hex("00000000 04000000 00000000 00000000" + "1800 1200 0800 0100 77697265 0c00 0200 0800 0100 04000000");

        var link = LinkDecoder.Decode(payload);

        Assert.Equal("wire", link.Kind);
        Assert.Null(link.MacvlanMode);
    }

    [Fact]
    public void AnMtuShorterThanFourBytes_IsADecodeErrorNamingTheAttribute()
    {
        var payload = Hex("00000000 04000000 00000000 00000000" + "0600 0400 dc05 0000");

        var error = Assert.Throws<NetlinkDecodeException>(() => LinkDecoder.Decode(payload));

        Assert.Equal("IFLA_MTU is 2 bytes; expected 4", error.Message);
    }

    [Fact]
    public void ATruncatedIfinfomsg_IsADecodeError()
    {
        Assert.Throws<NetlinkDecodeException>(() => LinkDecoder.Decode(new byte[10]));
    }
}
