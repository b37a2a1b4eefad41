using System.Net;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Probes;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class NdpPacketTests
{
    private static readonly PhysicalAddress Ours = PhysicalAddress.Parse("02-00-00-00-00-01");

    [Theory]
    [InlineData("fd00::5", "ff02::1:ff00:5")]
    [InlineData("fe80::741f:c9ff:fea4:649", "ff02::1:ffa4:649")]
    public void SolicitedNode_KeepsTheLow24Bits(string address, string group)
    {
        Assert.Equal(IPAddress.Parse(group), NdpPacket.SolicitedNode(IPAddress.Parse(address)));
    }

    [Fact]
    public void DuplicateAddressProbe_ComesFromTheUnspecifiedAddressWithoutASourceOption()
    {
        var frame = new byte[128];

        var length = NdpPacket.WriteSolicitation(frame, Ours, IPAddress.IPv6Any, IPAddress.Parse("fd00::5"));

        // Checksum 0x7d9d computed independently over the pseudo-header.
        Assert.Equal(
            ToHex(Hex(
                "3333ff000005 020000000001 86dd" +
                "60000000 0018 3a ff" + "00000000000000000000000000000000" + "ff0200000000000000000001ff000005" +
                "87 00 7d9d 00000000 fd000000000000000000000000000005")),
            ToHex(frame.AsSpan(0, length)));
    }

    [Fact]
    public void GatewaySolicitation_CarriesOurMacInTheSourceOption()
    {
        var frame = new byte[128];

        var length = NdpPacket.WriteSolicitation(frame, Ours, IPAddress.Parse("fd00::9"), IPAddress.Parse("fd00::1"));

        Assert.Equal(
            ToHex(Hex(
                "3333ff000001 020000000001 86dd" +
                "60000000 0020 3a ff" + "fd000000000000000000000000000009" + "ff0200000000000000000001ff000001" +
                "87 00 7d91 00000000 fd000000000000000000000000000001 01 01 020000000001")),
            ToHex(frame.AsSpan(0, length)));
    }

    [Fact]
    public void UnsolicitedAdvertisement_GoesToAllNodesWithOverrideAndOurMac()
    {
        var frame = new byte[128];

        var length = NdpPacket.WriteUnsolicitedAdvertisement(frame, Ours, IPAddress.Parse("fd00::5"));

        Assert.Equal(
            ToHex(Hex(
                "333300000001 020000000001 86dd" +
                "60000000 0020 3a ff" + "fd000000000000000000000000000005" + "ff020000000000000000000000000001" +
                "88 00 5a93 20000000 fd000000000000000000000000000005 02 01 020000000001")),
            ToHex(frame.AsSpan(0, length)));
    }

    [Fact]
    public void Advertisement_ParsesTargetFlagsAndTargetMac()
    {
        var frame = Advertisement(out var length);

        Assert.True(NdpPacket.TryParseAdvertisement(frame.AsSpan(0, length), out var na));

        Assert.Equal(IPAddress.Parse("fd00::5"), na.Target);
        Assert.Equal(IPAddress.Parse("fd00::5"), na.Source);
        Assert.Equal(NdpPacket.FlagOverride, na.Flags);
        Assert.Equal(PhysicalAddress.Parse("02-AA-00-00-00-05"), na.TargetMac);
        Assert.Equal(PhysicalAddress.Parse("02-AA-00-00-00-05"), na.EthernetSource);
    }

    [Fact]
    public void Advertisement_WithAHopLimitBelow255_IsRejected()
    {
        // A routed packet cannot carry hop limit 255 any more: RFC 4861 §7.1.2 requires receivers to drop it.
        var frame = Advertisement(out var length);
        frame[14 + 7] = 64;

        Assert.False(NdpPacket.TryParseAdvertisement(frame.AsSpan(0, length), out _));
    }

    [Fact]
    public void Advertisement_WithABadChecksum_IsRejected()
    {
        var frame = Advertisement(out var length);
        frame[length - 10] ^= 0x01;

        Assert.False(NdpPacket.TryParseAdvertisement(frame.AsSpan(0, length), out _));
    }

    [Fact]
    public void Advertisement_WithAZeroLengthOption_IsRejected()
    {
        var frame = Advertisement(out var length);
        var icmp = frame.AsSpan(54, length - 54);
        icmp[25] = 0;
        icmp[2] = 0;
        icmp[3] = 0;
        var sum = NdpPacket.Checksum(frame.AsSpan(22, 16), frame.AsSpan(38, 16), icmp);
        icmp[2] = (byte)(sum >> 8);
        icmp[3] = (byte)sum;

        Assert.False(NdpPacket.TryParseAdvertisement(frame.AsSpan(0, length), out _));
    }

    [Fact]
    public void ASolicitation_IsNotAnAdvertisement()
    {
        var frame = new byte[128];
        var length = NdpPacket.WriteSolicitation(frame, Ours, IPAddress.IPv6Any, IPAddress.Parse("fd00::5"));

        Assert.False(NdpPacket.TryParseAdvertisement(frame.AsSpan(0, length), out _));
    }

    [Fact]
    public void Checksum_OverAMessageHoldingItsChecksum_IsZero()
    {
        var frame = new byte[128];
        var length = NdpPacket.WriteSolicitation(frame, Ours, IPAddress.Parse("fd00::9"), IPAddress.Parse("fd00::1"));

        Assert.Equal(0, NdpPacket.Checksum(frame.AsSpan(22, 16), frame.AsSpan(38, 16), frame.AsSpan(54, length - 54)));
    }

    private static byte[] Advertisement(out int length)
    {
        var frame = new byte[128];
        length = NdpPacket.WriteUnsolicitedAdvertisement(frame, PhysicalAddress.Parse("02-AA-00-00-00-05"), IPAddress.Parse("fd00::5"));
        return frame;
    }
}
