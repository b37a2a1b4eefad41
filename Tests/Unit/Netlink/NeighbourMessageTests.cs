using System.Net;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Neighbours;
using Spiderpool.Netlink.Protocol;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class NeighbourMessageTests
{
    [Fact]
    public void AddPermanent_IsByteForByteWhatIproute2Sends()
    {
        // `ip neigh add 10.1.2.9 lladdr 02:00:00:00:00:09 dev vh0 nud permanent`.
        var spec = new NeighbourSpec(3, IPAddress.Parse("10.1.2.9")) { LinkLayerAddress = PhysicalAddress.Parse("02-00-00-00-00-09") };

        var message = LinkRequestTests.Encode(b => NeighbourRequests.New(b, spec, 3, replace: false));

        Assert.Equal(
            ToHex(Hex("30000000 1c00 0506 01000000 00000000" + "02 00 0000 03000000 8000 00 00" + "0800 0100 0a010209" + "0a00 0200 020000000009 0000")),
            ToHex(message));
    }

    [Fact]
    public void ReplaceReachableIPv6_UsesReplaceAndTheState()
    {
        var spec = new NeighbourSpec(2, IPAddress.Parse("fd00::1")) { LinkLayerAddress = PhysicalAddress.Parse("02-00-00-00-00-01"), State = NeighbourState.Reachable };

        var message = LinkRequestTests.Encode(b => NeighbourRequests.New(b, spec, 2, replace: true));

        Assert.Equal(
            ToHex(Hex("3c000000 1c00 0505 01000000 00000000" + "0a 00 0000 02000000 0200 00 00" + "1400 0100 fd000000000000000000000000000001" + "0a00 0200 020000000001 0000")),
            ToHex(message));
    }

    [Fact]
    public void Delete_NamesOnlyTheAddress()
    {
        var message = LinkRequestTests.Encode(b => NeighbourRequests.Delete(b, new NeighbourSpec(3, IPAddress.Parse("10.1.2.9")), 3));

        Assert.Equal(ToHex(Hex("24000000 1d00 0500 01000000 00000000" + "02 00 0000 03000000 0000 00 00" + "0800 0100 0a010209")), ToHex(message));
    }

    [Fact]
    public void CapturedDump_DecodesThePermanentAndTheMulticastEntry()
    {
        var entries = NetlinkDatagram.Decode(CapturedReplies.NeighbourDump).OfType<Neighbour>().ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal(new Neighbour(3, IPAddress.Parse("10.1.2.9")) { LinkLayerAddress = PhysicalAddress.Parse("02-00-00-00-00-09"), State = NeighbourState.Permanent }, entries[0]);
        Assert.Equal(IPAddress.Parse("ff02::16"), entries[1].Address);
        Assert.Equal(NeighbourState.NoArp, entries[1].State);
        Assert.Equal(PhysicalAddress.Parse("33-33-00-00-00-16"), entries[1].LinkLayerAddress);
    }

    [Fact]
    public void BridgeFdbEntries_AreSkipped()
    {
        // AF_BRIDGE (7) neighbour messages are forwarding database entries, not IP neighbours.
        Assert.Null(NeighbourDecoder.Decode(Hex("07 00 0000 03000000 8000 02 00" + "0a00 0200 020000000009 0000")));
    }
}
