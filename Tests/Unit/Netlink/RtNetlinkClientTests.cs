using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;
using T = Spiderpool.Tests.Unit.Netlink.ScriptedTransport;

namespace Spiderpool.Tests.Unit.Netlink;

public class RtNetlinkClientTests
{
    private const int Enodev = 19;

    [Fact]
    public void AddMacvlan_OnAMissingParent_NamesTheOperationAndErrno()
    {
        // The parent is resolved with RTM_GETLINK first; the kernel answers ENODEV.
        var transport = new T((request, _) => [T.Error(request, Enodev)]);
        using var client = new RtNetlinkClient(transport);

        var error = Assert.Throws<NetlinkException>(() => client.AddLink(new MacvlanLinkSpec("mv0", "eth9")));

        Assert.Equal("RTM_NEWLINK macvlan 'mv0' on 'eth9': ENODEV (no such device)", error.Message);
        Assert.Equal(Enodev, error.Errno);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public void AFailedRequest_CarriesTheKernelsExtendedAckText()
    {
        var transport = new T((request, _) => [T.Error(request, 101, "Nexthop has invalid gateway")]);
        using var client = new RtNetlinkClient(transport);

        var error = Assert.Throws<NetlinkException>(() =>
            client.AddRoute(new RouteSpec(IPNetwork.Parse("10.0.0.0/8")) { Gateway = IPAddress.Parse("192.0.2.1"), Table = 300 }));

        Assert.Equal("RTM_NEWROUTE 10.0.0.0/8 via 192.0.2.1 table 300: ENETUNREACH (network is unreachable): Nexthop has invalid gateway", error.Message);
        Assert.Equal("Nexthop has invalid gateway", error.KernelMessage);
    }

    [Fact]
    public void DeleteLink_ReportsWhetherThereWasAnythingToDelete()
    {
        var transport = new T((request, n) => [n == 1 ? T.Ack(request) : T.Error(request, Enodev)]);
        using var client = new RtNetlinkClient(transport);

        Assert.True(client.DeleteLink("mv0"));
        Assert.False(client.DeleteLink("mv0"));
    }

    [Fact]
    public void RepliesToOtherSequenceNumbers_AreSkipped()
    {
        // A reply left over from an abandoned request arrives first, in the same datagram as ours.
        var transport = new T((request, _) => [T.Concat(Reseq(T.Error(request, 1), T.Sequence(request) - 1), T.Ack(request))]);
        using var client = new RtNetlinkClient(transport);

        client.SetLinkUp("eth0");
    }

    [Fact]
    public void Dump_CollectsMessagesAcrossDatagramsUntilDone()
    {
        var transport = new T((request, _) =>
        {
            var seq = T.Sequence(request);
            return [Reseq(CapturedReplies.MacvlanLink, seq), Reseq(CapturedReplies.MacvlanLink, seq), T.Done(seq)];
        });
        using var client = new RtNetlinkClient(transport);

        var links = client.ListLinks();

        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal("mv0", l.Name));
    }

    [Fact]
    public void Dump_FlaggedAsInterrupted_IsRepeatedAndTheConsistentOneReturned()
    {
        // First walk: the kernel's table changed under it (NLM_F_DUMP_INTR on DONE); second walk is clean.
        var transport = new T((request, n) =>
        {
            var seq = T.Sequence(request);
            var route = Reseq(CapturedReplies.RouteDump, seq);
            return n == 1
                ? [T.Concat(route, route), T.Done(seq, NetlinkFlags.DumpInterrupted)]
                : [route, T.Done(seq)];
        });
        using var client = new RtNetlinkClient(transport);

        var routes = client.ListRoutes(AddressFamily.InterNetwork);

        Assert.Single(routes);
        Assert.Equal(2, transport.Requests.Count);
        Assert.NotEqual(T.Sequence(transport.Requests[0]), T.Sequence(transport.Requests[1]));
    }

    [Fact]
    public void Dump_InterruptedEveryTime_GivesUpWithEintr()
    {
        var transport = new T((request, _) =>
        {
            var seq = T.Sequence(request);
            var route = Reseq(CapturedReplies.RouteDump, seq);
            route[6] |= (byte)NetlinkFlags.DumpInterrupted;
            return [route, T.Done(seq)];
        });
        using var client = new RtNetlinkClient(transport);

        var error = Assert.Throws<NetlinkException>(() => client.ListRoutes(AddressFamily.InterNetwork));

        Assert.Equal("EINTR", error.ErrnoName);
        Assert.Contains("NLM_F_DUMP_INTR", error.Message, StringComparison.Ordinal);
        Assert.Equal(RtNetlinkClient.MaxDumpAttempts, transport.Requests.Count);
    }

    [Fact]
    public void Dump_EndingInAnError_Throws()
    {
        var transport = new T((request, _) => [T.Done(T.Sequence(request), errno: 105)]);
        using var client = new RtNetlinkClient(transport);

        var error = Assert.Throws<NetlinkException>(() => client.ListLinks());

        Assert.Equal("RTM_GETLINK dump: ENOBUFS (no buffer space available)", error.Message);
    }

    [Fact]
    public void ListRoutes_FiltersByTable()
    {
        var transport = new T((request, _) =>
        {
            var seq = T.Sequence(request);
            return [Reseq(CapturedReplies.RouteDump, seq), T.Done(seq)];
        });
        using var client = new RtNetlinkClient(transport);

        Assert.Single(client.ListRoutes(AddressFamily.InterNetwork, 300));
        Assert.Empty(client.ListRoutes(AddressFamily.InterNetwork, RouteTable.Main));
    }

    [Fact]
    public void FindLink_ReturnsNullForENODEV_AndGetLinkThrows()
    {
        var transport = new T((request, _) => [T.Error(request, Enodev)]);
        using var client = new RtNetlinkClient(transport);

        Assert.Null(client.FindLink("nope0"));
        Assert.Equal("RTM_GETLINK 'nope0': ENODEV (no such device)", Assert.Throws<NetlinkException>(() => client.GetLink("nope0")).Message);
    }

    [Fact]
    public void DeleteAddress_OnAMissingLink_IsAlreadyGone()
    {
        var transport = new T((request, _) => [T.Error(request, Enodev)]);
        using var client = new RtNetlinkClient(transport);

        Assert.False(client.DeleteAddress(new Spiderpool.Netlink.Addresses.AddressSpec("gone0", IPAddress.Parse("10.0.0.1"), 24)));
    }

    [Fact]
    public void SequenceNumbers_IncreasePerRequest()
    {
        var transport = new T((request, _) => [T.Ack(request)]);
        using var client = new RtNetlinkClient(transport, firstSequence: 41);

        client.SetLinkUp(3);
        client.SetLinkDown(3);

        Assert.Equal([41u, 42u], transport.Requests.Select(T.Sequence));
    }

    [Fact]
    public void MismatchedFamilies_AreRefusedBeforeAnythingIsSent()
    {
        var transport = new T((request, _) => [T.Ack(request)]);
        using var client = new RtNetlinkClient(transport);

        var error = Assert.Throws<ArgumentException>(() => client.AddRoute(new RouteSpec(IPNetwork.Parse("10.0.0.0/8")) { Gateway = IPAddress.Parse("fe80::1") }));

        Assert.Contains("gateway fe80::1 is IPv6 but the request is IPv4", error.Message, StringComparison.Ordinal);
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public void Dispose_ClosesTheTransportAndLaterCallsThrow()
    {
        var transport = new T((request, _) => [T.Ack(request)]);
        var client = new RtNetlinkClient(transport);

        client.Dispose();

        Assert.True(transport.Disposed);
        Assert.Throws<ObjectDisposedException>(() => client.SetLinkUp(1));
    }

    [Fact]
    public void AMalformedReply_SurfacesAsADecodeError()
    {
        var transport = new T((request, _) => [Hex("ff000000 0200 0000")]);
        using var client = new RtNetlinkClient(transport);

        Assert.Throws<NetlinkDecodeException>(() => client.SetLinkUp(1));
    }

    /// <summary>A copy of a captured datagram with every message's sequence number replaced.</summary>
    private static byte[] Reseq(byte[] datagram, uint sequence)
    {
        var copy = datagram.ToArray();
        var offset = 0;
        while (offset + NetlinkHeader.Size <= copy.Length)
        {
            BitConverter.TryWriteBytes(copy.AsSpan(offset + 8), sequence);
            offset += (BitConverter.ToInt32(copy, offset) + 3) & ~3;
        }

        return copy;
    }
}
