using Spiderpool.Netlink.Probes;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Privileged.Probes;

public class ConflictProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IPv4_AnAddressHeldNextDoor_IsAConflictWithTheHoldersMac()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckConflictAsync(link.B.Path, link.BLink, link.HolderV4);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Conflict, result.Outcome);
        Assert.Equal(link.AMac, result.RemoteMac);
        Assert.Equal(1, result.Attempts);
        Assert.True(result.Elapsed < TimeSpan.FromMilliseconds(100), result.ToString());
    }

    [Fact]
    public async Task IPv4_AnUnusedAddress_IsFreeAfterThreeAttemptsWithinOneSecond()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckConflictAsync(link.B.Path, link.BLink, link.FreeV4);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Free, result.Outcome);
        Assert.Null(result.RemoteMac);
        Assert.Equal(3, result.Attempts);
        Assert.InRange(result.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task IPv4_OurOwnAddress_IsNotAConflict()
    {
        // B holds PodV4 itself; its own kernel never answers an ARP probe that B sent.
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckConflictAsync(link.B.Path, link.BLink, link.PodV4);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Free, result.Outcome);
    }

    [Fact]
    public async Task IPv6_AnAddressHeldNextDoor_IsAConflictWithTheHoldersMac()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckConflictAsync(link.B.Path, link.BLink, link.HolderV6);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Conflict, result.Outcome);
        Assert.Equal(link.AMac, result.RemoteMac);
        Assert.True(result.Elapsed < TimeSpan.FromMilliseconds(100), result.ToString());
    }

    [Fact]
    public async Task IPv6_AnUnusedAddress_IsFree()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.CheckConflictAsync(link.B.Path, link.BLink, link.FreeV6);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Free, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.True(result.Elapsed <= TimeSpan.FromSeconds(1), result.ToString());
    }

    [Fact]
    public async Task ALinkThatIsDown_IsBroughtUpFirst()
    {
        await using var link = await ProbeLink.CreateAsync();
        link.B.Netlink.SetLinkDown(link.BLink);

        var result = await NeighbourProbe.CheckConflictAsync(link.B.Path, link.BLink, link.HolderV4);

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Conflict, result.Outcome);
        Assert.True(link.B.Netlink.GetLink(link.BLink).IsUp);
    }

    [Fact]
    public async Task AMissingInterface_IsAnError()
    {
        await using var link = await ProbeLink.CreateAsync();

        var error = await Assert.ThrowsAsync<Spiderpool.Netlink.NetlinkException>(() => NeighbourProbe.CheckConflictAsync(link.B.Path, "nosuch0", link.HolderV4));

        Assert.Equal("RTM_GETLINK 'nosuch0': ENODEV (no such device)", error.Message);
    }

    [Fact]
    public async Task TheSynchronousProbe_WorksOnTheNamespaceThread()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await Spiderpool.Netlink.Namespaces.NetworkNamespace.RunAsync(
            link.B.Path,
            () => NeighbourProbe.CheckConflict(link.BLink, link.HolderV4, new ProbeOptions(TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromMilliseconds(200))));

        output.WriteLine(result.ToString());

        Assert.Equal(ProbeOutcome.Conflict, result.Outcome);
    }
}
