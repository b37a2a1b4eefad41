using Spiderpool.Netlink;
using Spiderpool.Netlink.Protocol;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class NetlinkAckTests
{
    [Fact]
    public void CapturedUncappedError_SkipsTheEchoedRequest()
    {
        // Kernel 6.18 to iproute2 (no NETLINK_CAP_ACK): NLMSG_ERROR, error -19, the 32-byte request echoed.
        var datagram = Hex("34000000 0200 0000 00000000 c8240000" + "edffffff" + "20000000 1000 0500 00000000 00000000" + "00000000000000000000000000000000");

        var ack = Assert.IsType<NetlinkAck>(Assert.Single(NetlinkDatagram.Decode(datagram)));

        Assert.Equal(19, ack.Errno);
        Assert.Equal(NetlinkMessageType.NewLink, ack.Request.Type);
        Assert.Null(ack.Message);
    }

    [Fact]
    public void CappedErrorWithExtendedAck_ReadsTheMessageAndOffset()
    {
        var payload = Hex(
            "eaffffff" + "2c000000 1800 0506 07000000 00000000" +
            "1300 0100 496e76616c69642070726566697800 00" +
            "0800 0200 20000000");

        var ack = NetlinkAck.ParseError(NetlinkFlags.Capped | NetlinkFlags.AckTlvs, payload);

        Assert.Equal(22, ack.Errno);
        Assert.Equal("Invalid prefix", ack.Message);
        Assert.Equal(32u, ack.Offset);
        Assert.Equal(7u, ack.Request.Sequence);
    }

    [Fact]
    public void UncappedErrorWithExtendedAck_FindsTheTlvsAfterTheEcho()
    {
        var payload = Hex(
            "edffffff" + "18000000 1000 0500 01000000 00000000" + "0000000000000000" +
            "0c00 0100 6e6f206c696e6b00");

        var ack = NetlinkAck.ParseError(NetlinkFlags.AckTlvs, payload);

        Assert.Equal(19, ack.Errno);
        Assert.Equal("no link", ack.Message);
    }

    [Fact]
    public void Ack_IsSuccess()
    {
        var ack = NetlinkAck.ParseError(NetlinkFlags.Capped, Hex("00000000" + "20000000 1000 0506 09000000 00000000"));

        Assert.True(ack.IsSuccess);
        Assert.Equal(9u, ack.Request.Sequence);
    }

    [Fact]
    public void DoneWithANegativeStatus_ReportsTheErrno()
    {
        Assert.Equal(4, NetlinkAck.ParseDone(NetlinkFlags.Multi, Hex("fcffffff")).Errno);
        Assert.True(NetlinkAck.ParseDone(NetlinkFlags.Multi, []).IsSuccess);
    }

    [Fact]
    public void AnErrorShorterThanItsHeader_IsADecodeError()
    {
        Assert.Throws<NetlinkDecodeException>(() => NetlinkAck.ParseError(NetlinkFlags.None, Hex("edffffff 0000")));
    }

    [Fact]
    public void NetlinkException_NamesOperationErrnoAndKernelMessage()
    {
        var plain = new NetlinkException("RTM_NEWLINK macvlan 'mv0' on 'eth9'", 19, null);
        var explained = new NetlinkException("RTM_NEWROUTE 10.0.0.0/8 table 254", 101, "Nexthop has invalid gateway");

        Assert.Equal("RTM_NEWLINK macvlan 'mv0' on 'eth9': ENODEV (no such device)", plain.Message);
        Assert.Equal("ENODEV", plain.ErrnoName);
        Assert.Equal("RTM_NEWROUTE 10.0.0.0/8 table 254: ENETUNREACH (network is unreachable): Nexthop has invalid gateway", explained.Message);
    }
}
