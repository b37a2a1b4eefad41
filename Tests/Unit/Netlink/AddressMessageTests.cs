using System.Net;
using Spiderpool.Netlink.Addresses;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class AddressMessageTests
{
    private const string Fd00Five = "fd000000000000000000000000000005";

    [Fact]
    public void AddIPv4_IsByteForByteWhatIproute2Sends()
    {
        // `ip addr add 10.1.2.3/24 dev vh0` (ifindex 3): IFA_LOCAL then IFA_ADDRESS.
        var message = LinkRequestTests.Encode(b => AddressRequests.New(b, new AddressSpec(3, IPAddress.Parse("10.1.2.3"), 24), 3, replace: false));

        Assert.Equal(
            ToHex(Hex("28000000 1400 0506 01000000 00000000" + "02 18 00 00 03000000" + "0800 0200 0a010203" + "0800 0100 0a010203")),
            ToHex(message));
    }

    [Fact]
    public void AddIPv6NoDad_IsByteForByteWhatIproute2Sends()
    {
        // `ip -6 addr add fd00::5/64 dev vh0 nodad`: IFA_F_NODAD (0x02) fits in ifa_flags, so no IFA_FLAGS.
        var spec = new AddressSpec(3, IPAddress.Parse("fd00::5"), 64) { Flags = AddressFlags.NoDad };

        var message = LinkRequestTests.Encode(b => AddressRequests.New(b, spec, 3, replace: false));

        Assert.Equal(
            ToHex(Hex("40000000 1400 0506 01000000 00000000" + "0a 40 02 00 03000000" + "1400 0200" + Fd00Five + "1400 0100" + Fd00Five)),
            ToHex(message));
    }

    [Fact]
    public void DeleteIPv4_IsByteForByteWhatIproute2Sends()
    {
        var message = LinkRequestTests.Encode(b => AddressRequests.Delete(b, new AddressSpec(3, IPAddress.Parse("10.1.2.3"), 24), 3));

        Assert.Equal(
            ToHex(Hex("28000000 1500 0500 01000000 00000000" + "02 18 00 00 03000000" + "0800 0200 0a010203" + "0800 0100 0a010203")),
            ToHex(message));
    }

    [Fact]
    public void FlagsAboveEightBits_AlsoTravelInIfaFlags()
    {
        var spec = new AddressSpec(3, IPAddress.Parse("fd00::5"), 64) { Flags = AddressFlags.NoDad | AddressFlags.NoPrefixRoute };

        var message = LinkRequestTests.Encode(b => AddressRequests.New(b, spec, 3, replace: true));

        Assert.Equal(
            ToHex(Hex("48000000 1400 0505 01000000 00000000" + "0a 40 02 00 03000000" + "1400 0200" + Fd00Five + "1400 0100" + Fd00Five + "0800 0800 02020000")),
            ToHex(message));
    }

    [Fact]
    public void Dump_AsksForOneFamily()
    {
        var message = LinkRequestTests.Encode(b => AddressRequests.Dump(b, AddressFamilies.Inet6));

        Assert.Equal(ToHex(Hex("18000000 1600 0103 01000000 00000000" + "0a 00 00 00 00000000")), ToHex(message));
    }

    [Fact]
    public void CapturedDump_DecodesBothAddressesAndTheirFlags()
    {
        var decoded = NetlinkDatagram.Decode(CapturedReplies.AddressDump);

        Assert.Equal(3, decoded.Count);
        var global = Assert.IsType<InterfaceAddress>(decoded[0]);
        Assert.Equal(new InterfaceAddress(3, IPAddress.Parse("fd00::5"), 64) { Flags = AddressFlags.NoDad | AddressFlags.Permanent, Scope = RouteScope.Universe }, global);

        var linkLocal = Assert.IsType<InterfaceAddress>(decoded[1]);
        Assert.Equal(IPAddress.Parse("fe80::741f:c9ff:fea4:649"), linkLocal.Address);
        Assert.Equal(RouteScope.Link, linkLocal.Scope);
        Assert.True(linkLocal.IsTentative);

        Assert.True(Assert.IsType<NetlinkAck>(decoded[2]).IsSuccess);
    }

    [Fact]
    public void APointToPointAddress_ReportsItsPeer()
    {
        var payload = Hex("02 20 80 00 05000000" + "0800 0200 0a000001" + "0800 0100 0a000002" + "0800 0300 74756e00");

        var address = AddressDecoder.Decode(payload);

        Assert.NotNull(address);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), address.Address);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), address.Peer);
        Assert.Equal("tun", address.Label);
    }

    [Fact]
    public void AnIPv6AddressInAnIPv4Message_IsADecodeError()
    {
        var payload = Hex("02 40 00 00 05000000" + "1400 0100" + Fd00Five);

        Assert.Throws<Spiderpool.Netlink.NetlinkDecodeException>(() => AddressDecoder.Decode(payload));
    }

    [Fact]
    public void PrefixLengthOutsideTheFamily_IsRefusedWhenBuildingTheSpec()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressSpec(3, IPAddress.Parse("10.0.0.1"), 33));
    }
}
