using System.Net.Sockets;
using Spiderpool.Netlink.Neighbours;
using Spiderpool.Netlink.Probes;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Privileged.Probes;

public class GatewayProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IPv4_AGatewayThatAnswers_IsReachableAndLearnsOurMac()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckGatewayAsync(link.B.Path, link.BLink, link.PodV4, link.HolderV4);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Reachable, result.Outcome);
        Assert.Equal(link.AMac, result.RemoteMac);
        // The request came from the pod's address, so the gateway now has the pod in its ARP table.
        Assert.Contains(link.A.Netlink.ListNeighbours(AddressFamily.InterNetwork, link.ALink), n => n.Address.Equals(link.PodV4) && Equals(n.LinkLayerAddress, link.BMac));
    }

    [Fact]
    public async Task IPv4_ASilentGateway_IsUnreachableWithin500Milliseconds()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckGatewayAsync(link.B.Path, link.BLink, link.PodV4, link.FreeV4);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Unreachable, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.InRange(result.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromMilliseconds(550));
    }

    [Fact]
    public async Task IPv6_AGatewayThatAnswers_IsReachable()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckGatewayAsync(link.B.Path, link.BLink, link.PodV6, link.HolderV6);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Reachable, result.Outcome);
        Assert.Equal(link.AMac, result.RemoteMac);
        Assert.Contains(link.A.Netlink.ListNeighbours(AddressFamily.InterNetworkV6, link.ALink), n => n.Address.Equals(link.PodV6) && Equals(n.LinkLayerAddress, link.BMac) && n.State != NeighbourState.Failed);
    }

    [Fact]
    public async Task IPv6_ASilentGateway_IsUnreachable()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckGatewayAsync(link.B.Path, link.BLink, link.PodV6, link.FreeV6);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Unreachable, result.Outcome);
        Assert.True(result.Elapsed <= TimeSpan.FromMilliseconds(550), result.ToString());
    }

    [Fact]
    public async Task MixedFamilies_AreRefused()
    {
        await using var link = await ProbeLink.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => NeighbourProbe.CheckGatewayAsync(link.B.Path, link.BLink, link.PodV4, link.HolderV6));
    }
}
