using System.Net;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Probes;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class ArpPacketTests
{
    private static readonly PhysicalAddress Ours = PhysicalAddress.Parse("02-00-00-00-00-01");

    [Fact]
    public void Probe_IsABroadcastRequestFromTheUnspecifiedAddress()
    {
        var frame = new byte[64];

        var length = ArpPacket.WriteRequest(frame, Ours, IPAddress.Any, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(
            ToHex(Hex(
                "ffffffffffff 020000000001 0806" +
                "0001 0800 06 04 0001 020000000001 00000000 000000000000 0a010203" +
                "000000000000000000000000000000000000")),
            ToHex(frame.AsSpan(0, length)));
    }

    [Fact]
    public void Gratuitous_HasTheSameSenderAndTargetAddress()
    {
        var frame = new byte[64];

        var length = ArpPacket.WriteRequest(frame, Ours, IPAddress.Parse("10.1.2.3"), IPAddress.Parse("10.1.2.3"));

        Assert.Equal(60, length);
        Assert.Equal("0a010203", ToHex(frame.AsSpan(28, 4)));
        Assert.Equal("0a010203", ToHex(frame.AsSpan(38, 4)));
    }

    [Fact]
    public void Reply_Parses()
    {
        var frame = Hex("020000000001 02aabbccddee 0806" + "0001 0800 06 04 0002 02aabbccddee 0a010203 020000000001 00000000");

        Assert.True(ArpPacket.TryParse(frame, out var arp));

        Assert.Equal(ArpMessage.Reply, arp.Operation);
        Assert.Equal(PhysicalAddress.Parse("02-AA-BB-CC-DD-EE"), arp.SenderMac);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), arp.SenderIp);
        Assert.Equal(Ours, arp.TargetMac);
        Assert.Equal(IPAddress.Any, arp.TargetIp);
    }

    [Theory]
    [InlineData("020000000001 02aabbccddee 0806 0001 0800 06 04 0002")]
    [InlineData("020000000001 02aabbccddee 86dd 0001 0800 06 04 0002 02aabbccddee 0a010203 020000000001 00000000")]
    [InlineData("020000000001 02aabbccddee 0806 0001 86dd 06 10 0002 02aabbccddee 0a010203 020000000001 00000000")]
    public void OtherFrames_DoNotParse(string hex)
    {
        Assert.False(ArpPacket.TryParse(Hex(hex), out _));
    }
}
