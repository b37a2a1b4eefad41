using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Neighbours;
using Spiderpool.Netlink.Probes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Probes;

public class AnnouncementTests
{
    private static readonly PhysicalAddress Stale = PhysicalAddress.Parse("02-DE-AD-00-00-01");

    [Fact]
    public async Task GratuitousArp_UpdatesThePeersCachedMac()
    {
        await using var link = await ProbeLink.CreateAsync();
        // The peer has the pod's address cached at an old MAC, as after a pod moved. Linux only updates existing
        // entries from gratuitous ARP (unless arp_accept), so the entry must exist.
        link.A.Netlink.AddNeighbour(new NeighbourSpec(link.ALink, link.PodV4) { LinkLayerAddress = Stale, State = NeighbourState.Stale });

        var result = await NeighbourProbe.AnnounceAsync(link.B.Path, link.BLink, link.PodV4);

        Assert.Equal(new AnnouncementResult(true, null), result);
        await WaitForMacAsync(link, link.PodV4, link.BMac);
    }

    [Fact]
    public async Task UnsolicitedNeighbourAdvertisement_UpdatesThePeersCachedMac()
    {
        await using var link = await ProbeLink.CreateAsync();
        link.A.Netlink.AddNeighbour(new NeighbourSpec(link.ALink, link.PodV6) { LinkLayerAddress = Stale, State = NeighbourState.Stale });

        var result = await NeighbourProbe.AnnounceAsync(link.B.Path, link.BLink, link.PodV6);

        Assert.True(result.Sent, result.Error);
        await WaitForMacAsync(link, link.PodV6, link.BMac);
    }

    [Fact]
    public async Task AnnouncingOnAMissingInterface_IsReportedNotThrown()
    {
        await using var link = await ProbeLink.CreateAsync();

        var result = await NeighbourProbe.AnnounceAsync(link.B.Path, "nosuch0", link.PodV4);

        Assert.False(result.Sent);
        Assert.Equal($"announce {link.PodV4} on 'nosuch0': RTM_GETLINK 'nosuch0': ENODEV (no such device)", result.Error);
    }

    [Fact]
    public async Task AnnouncingIntoAMissingNamespace_IsReportedNotThrown()
    {
        Spiderpool.Tests.Privileged.Netlink.Root.Require();

        var result = await NeighbourProbe.AnnounceAsync("/run/netns/sptest-missing", "eth0", IPAddress.Parse("10.0.0.1"));

        Assert.False(result.Sent);
        Assert.Contains("ENOENT", result.Error, StringComparison.Ordinal);
    }

    private static async Task WaitForMacAsync(ProbeLink link, IPAddress address, PhysicalAddress expected)
    {
        var watch = Stopwatch.StartNew();
        PhysicalAddress? seen = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            seen = link.A.Netlink.ListNeighbours(address.AddressFamily, link.ALink).FirstOrDefault(n => n.Address.Equals(address))?.LinkLayerAddress;
            if (Equals(seen, expected))
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"the peer still has {address} at {seen}, expected {expected} after the announcement");
    }
}
