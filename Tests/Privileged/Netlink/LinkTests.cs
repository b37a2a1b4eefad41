using System.Diagnostics;
using System.Net.NetworkInformation;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Namespaces;
using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

public class LinkTests
{
    [Fact]
    public async Task VethAndMacvlan_AreCreatedListedAndDeletedTwice()
    {
        await using var host = await TestNamespace.CreateAsync("host");
        var nl = host.Netlink;
        var (h0, h1, mv) = (TestNamespace.LinkName("h"), TestNamespace.LinkName("h"), TestNamespace.LinkName("mv"));

        nl.AddLink(new VethLinkSpec(h0, h1));
        nl.AddLink(new MacvlanLinkSpec(mv, h0, MacvlanMode.Bridge) { Mtu = 1400, Mac = PhysicalAddress.Parse("02-11-22-33-44-55") });

        var links = nl.ListLinks().ToDictionary(l => l.Name);
        var parent = links[h0];
        var macvlan = links[mv];
        Assert.Equal("veth", parent.Kind);
        Assert.Equal(links[h1].Index, parent.ParentIndex);
        Assert.Equal("macvlan", macvlan.Kind);
        Assert.Equal(MacvlanMode.Bridge, macvlan.MacvlanMode);
        Assert.Equal(parent.Index, macvlan.ParentIndex);
        Assert.Equal(1400, macvlan.Mtu);
        Assert.Equal(PhysicalAddress.Parse("02-11-22-33-44-55"), macvlan.Mac);

        // iproute2 sees the same thing.
        var ip = Assert.Single(IpCommand.Json(host.Name, $"-d link show {mv}").Items());
        Assert.Equal(h0, ip.Text("link"));
        Assert.Equal("macvlan", ip.GetProperty("linkinfo").Text("info_kind"));
        Assert.Equal("bridge", ip.GetProperty("linkinfo").GetProperty("info_data").Text("mode"));
        Assert.Equal("02:11:22:33:44:55", ip.Text("address"));
        Assert.Equal(macvlan.Index, ip.Number("ifindex"));

        Assert.True(nl.DeleteLink(mv));
        Assert.False(nl.DeleteLink(mv));
        Assert.True(nl.DeleteLink(h0));
        Assert.Null(nl.FindLink(h1)); // deleting one end of a veth removes both
        Assert.False(nl.DeleteLink(h1));
    }

    [Fact]
    public async Task UpDownMtuMacAndRename_AreAppliedAndVisibleToIproute2()
    {
        await using var ns = await TestNamespace.CreateAsync("set");
        var nl = ns.Netlink;
        var (a, b, renamed) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"), TestNamespace.LinkName("r"));
        nl.AddLink(new VethLinkSpec(a, b));

        nl.SetLinkMtu(a, 1280);
        nl.SetLinkMac(a, PhysicalAddress.Parse("02-00-00-00-aa-01"));
        nl.RenameLink(a, renamed);
        nl.SetLinkUp(renamed);

        var link = nl.GetLink(renamed);
        Assert.True(link.IsUp);
        Assert.Equal(1280, link.Mtu);
        Assert.Equal(PhysicalAddress.Parse("02-00-00-00-AA-01"), link.Mac);
        Assert.Null(nl.FindLink(a));
        var ip = Assert.Single(IpCommand.Json(ns.Name, $"link show {renamed}").Items());
        Assert.Contains("UP", ip.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(1280, ip.Number("mtu"));

        nl.SetLinkDown(renamed);
        Assert.False(nl.GetLink(link.Index).IsUp);
    }

    [Fact]
    public async Task Links_MoveIntoAnotherNamespaceByFdByPathAndByPid()
    {
        await using var host = await TestNamespace.CreateAsync("host");
        await using var pod = await TestNamespace.CreateAsync("pod");
        var (a, b, c, d, e, f) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"), TestNamespace.LinkName("c"), TestNamespace.LinkName("d"), TestNamespace.LinkName("e"), TestNamespace.LinkName("f"));
        host.Netlink.AddLink(new VethLinkSpec(a, b));
        host.Netlink.AddLink(new VethLinkSpec(c, d));
        host.Netlink.AddLink(new VethLinkSpec(e, f));

        using (var fd = NetworkNamespace.Open(pod.Path))
        {
            host.Netlink.MoveLinkToNamespace(b, fd, newName: "eth0");
        }

        host.Netlink.MoveLinkToNamespace(d, pod.Path);

        // IFLA_NET_NS_PID needs a process living in the target namespace.
        using (var sleeper = Process.Start("ip", $"netns exec {pod.Name} sleep 30") ?? throw new InvalidOperationException("could not start ip netns exec"))
        {
            try
            {
                await WaitUntilAsync(() => InNamespace(sleeper.Id, pod.Path));
                host.Netlink.MoveLinkToNamespaceOfProcess(f, sleeper.Id);
            }
            finally
            {
                sleeper.Kill();
                await sleeper.WaitForExitAsync();
            }
        }

        Assert.Null(host.Netlink.FindLink(b));
        var moved = pod.Netlink.GetLink("eth0");
        Assert.Equal("veth", moved.Kind);
        Assert.NotNull(moved.LinkNetnsId); // its peer is now in another namespace
        Assert.NotNull(pod.Netlink.FindLink(d));
        Assert.NotNull(pod.Netlink.FindLink(f));
        Assert.Contains(IpCommand.Json(pod.Name, "link show").Items(), l => l.Text("ifname") == "eth0");
    }

    [Fact]
    public async Task Macvlan_CanBeCreatedDirectlyInsideAnotherNamespace()
    {
        await using var host = await TestNamespace.CreateAsync("host");
        await using var pod = await TestNamespace.CreateAsync("pod");
        var (h0, h1, mv) = (TestNamespace.LinkName("h"), TestNamespace.LinkName("h"), TestNamespace.LinkName("mv"));
        host.Netlink.AddLink(new VethLinkSpec(h0, h1));

        using (var fd = NetworkNamespace.Open(pod.Path))
        {
            host.Netlink.AddLink(new MacvlanLinkSpec(mv, h0, MacvlanMode.Private) { Namespace = fd });
        }

        Assert.Null(host.Netlink.FindLink(mv));
        var link = pod.Netlink.GetLink(mv);
        Assert.Equal(MacvlanMode.Private, link.MacvlanMode);
        Assert.NotNull(link.LinkNetnsId);
    }

    [Fact]
    public async Task Veth_PeerCanBeCreatedDirectlyInsideAnotherNamespace()
    {
        await using var host = await TestNamespace.CreateAsync("host");
        await using var pod = await TestNamespace.CreateAsync("pod");
        var (a, b) = (TestNamespace.LinkName("a"), TestNamespace.LinkName("b"));

        using (var fd = NetworkNamespace.Open(pod.Path))
        {
            host.Netlink.AddLink(new VethLinkSpec(a, b) { PeerNamespace = fd, PeerMtu = 1450 });
        }

        Assert.NotNull(host.Netlink.FindLink(a));
        Assert.Equal(1450, pod.Netlink.GetLink(b).Mtu);
    }

    [Fact]
    public async Task Errors_NameTheOperationTheErrnoAndTheKernelsExplanation()
    {
        await using var ns = await TestNamespace.CreateAsync("err");
        var nl = ns.Netlink;
        var name = TestNamespace.LinkName("v");
        nl.AddLink(new VethLinkSpec(name, TestNamespace.LinkName("p")));

        var missingParent = Assert.Throws<NetlinkException>(() => nl.AddLink(new MacvlanLinkSpec("mv0", "eth9")));
        var duplicate = Assert.Throws<NetlinkException>(() => nl.AddLink(new VethLinkSpec(name, TestNamespace.LinkName("p"))));
        var missingParentIndex = Assert.Throws<NetlinkException>(() => nl.AddLink(new MacvlanLinkSpec("mv1", 999_999)));

        Assert.Equal("RTM_NEWLINK macvlan 'mv0' on 'eth9': ENODEV (no such device)", missingParent.Message);
        Assert.Equal("EEXIST", duplicate.ErrnoName);
        Assert.StartsWith($"RTM_NEWLINK veth '{name}' peer", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal("ENODEV", missingParentIndex.ErrnoName);
        Assert.Contains("on ifindex 999999", missingParentIndex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KindsThisKernelLacks_FailWithEOPNOTSUPP()
    {
        // This VM's kernel has no loadable modules and no dummy/ipvlan/vlan/bond built in; their encodings are
        // covered by the byte-level unit tests. On a full kernel these requests succeed instead.
        await using var ns = await TestNamespace.CreateAsync("kind");
        var parent = TestNamespace.LinkName("v");
        ns.Netlink.AddLink(new VethLinkSpec(parent, TestNamespace.LinkName("p")));

        foreach (var spec in new LinkSpec[] { new DummyLinkSpec("d0"), new IpvlanLinkSpec("ipv0", parent), new VlanLinkSpec("vl0", parent, 10), new BondLinkSpec("bond0") })
        {
            try
            {
                ns.Netlink.AddLink(spec);
                Assert.Equal(spec.Kind, ns.Netlink.GetLink(spec.Name).Kind);
                Assert.True(ns.Netlink.DeleteLink(spec.Name));
            }
            catch (NetlinkException e)
            {
                Assert.Equal("EOPNOTSUPP", e.ErrnoName);
                Assert.Contains($"RTM_NEWLINK {spec.Kind} ", e.Message, StringComparison.Ordinal);
            }
        }
    }

    private static bool InNamespace(int pid, string netnsPath)
    {
        try
        {
            return NetworkNamespace.Run(netnsPath, () => new FileInfo(NetworkNamespace.CurrentThreadPath).LinkTarget) == new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "condition not met within 5 s");
            await Task.Delay(10);
        }
    }
}
