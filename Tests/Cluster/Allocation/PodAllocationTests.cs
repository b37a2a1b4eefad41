using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Tests.Cluster.Infrastructure;
using Xunit;

namespace Spiderpool.Tests.Cluster.Allocation;

/// <summary>
/// Allocation described by the pod (annotations, affinities, owners) on a two-silo cluster: pool selection through
/// the pool index, and the fixed addresses of StatefulSet and KubeVirt pods, including the restart races the peers
/// are known for (a fixed address released or handed to another pod while its owner restarts).
/// </summary>
public sealed class PodAllocationTests : IAsyncLifetime
{
    private readonly ClusterHarness harness = InMemoryStorage.CreateHarness();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IAllocatorGrain Allocator => harness.Grains.GetGrain<IAllocatorGrain>(0);

    [Fact]
    public async Task AllocatePod_WithIppoolAnnotation_UsesOnlyItsCandidatesInOrder()
    {
        var tiny = await PoolAsync("tiny", new PoolSpec { Subnet = "10.60.0.0/24", Ips = ["10.60.0.5"] });
        var next = await PoolAsync("next", new PoolSpec { Subnet = "10.61.0.0/24", Ips = ["10.61.0.5-10.61.0.9"] });
        await PoolAsync("default", new PoolSpec { Subnet = "10.62.0.0/24", Ips = ["10.62.0.5-10.62.0.9"], Default = true });
        var annotation = $$"""{"ipv4":["{{tiny}}","{{next}}"]}""";

        var a = await Allocator.AllocatePodAsync(Pod("a", annotations: new() { ["ipam.spidernet.io/ippool"] = annotation }));
        var b = await Allocator.AllocatePodAsync(Pod("b", annotations: new() { ["ipam.spidernet.io/ippool"] = annotation }));

        Assert.Equal("10.60.0.5", a.Nics.Single().V4!.Address.ToString());
        Assert.Equal("10.61.0.5", b.Nics.Single().V4!.Address.ToString());
    }

    [Fact]
    public async Task AllocatePod_WithoutAnySelectionRule_TakesFromTheClusterDefaultPool()
    {
        var fallback = await PoolAsync("default", new PoolSpec { Subnet = "10.63.0.0/24", Ips = ["10.63.0.5-10.63.0.9"], Default = true });

        var result = await Allocator.AllocatePodAsync(Pod("a"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Contains(result.Nics.Single().V4!.Pool, new[] { fallback }.Concat(await OtherDefaultPoolsAsync()));
    }

    [Fact]
    public async Task AllocatePod_WhenTheOnlyCandidateIsForAnotherNode_FailsNamingThePoolAndWhy()
    {
        var pinned = await PoolAsync("pinned", new PoolSpec { Subnet = "10.64.0.0/24", Ips = ["10.64.0.5"], NodeName = ["node-other"] });

        var result = await Allocator.AllocatePodAsync(Pod("a", annotations: new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pinned}}"]}""" }));

        Assert.Equal(AllocationOutcome.NoAddress, result.Outcome);
        Assert.Contains(pinned, result.Message, StringComparison.Ordinal);
        Assert.Contains("node", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await Pool(pinned).GetStatusAsync()).AllocatedIpCount);
    }

    [Fact]
    public async Task AllocatePod_WithMalformedAnnotation_IsRefusedNamingTheKeyAndChangesNothing()
    {
        var pool = await PoolAsync("v4", new PoolSpec { Subnet = "10.65.0.0/24", Ips = ["10.65.0.5"] });

        var result = await Allocator.AllocatePodAsync(Pod("a", annotations: new() { ["ipam.spidernet.io/ippool"] = "{\"ipv4\": [" }));

        Assert.Equal(AllocationOutcome.InvalidRequest, result.Outcome);
        Assert.Contains("ipam.spidernet.io/ippool", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
    }

    [Fact]
    public async Task AllocatePod_TwoNicsDualStack_WhenTheSecondNicsPoolIsExhausted_HoldsNothing()
    {
        var v4 = await PoolAsync("v4", new PoolSpec { Subnet = "10.66.0.0/24", Ips = ["10.66.0.5-10.66.0.9"] });
        var v6 = await PoolAsync("v6", new PoolSpec { Subnet = "fd00:66::/64", Ips = ["fd00:66::5-fd00:66::9"] });
        var full = await PoolAsync("full", new PoolSpec { Subnet = "10.67.0.0/24", Ips = ["10.67.0.5"] });
        await Allocator.AllocatePodAsync(Pod("filler", annotations: new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{full}}"]}""" }));
        var ippools = $$"""[{"interface":"eth0","ipv4":["{{v4}}"],"ipv6":["{{v6}}"]},{"interface":"net1","ipv4":["{{full}}"]}]""";

        var result = await Allocator.AllocatePodAsync(Pod("a", annotations: new() { ["ipam.spidernet.io/ippools"] = ippools }));

        Assert.Equal(AllocationOutcome.NoAddress, result.Outcome);
        Assert.Equal(0, (await Pool(v4).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(0, (await Pool(v6).GetStatusAsync()).AllocatedIpCount);
    }

    [Fact]
    public async Task AllocatePod_ForAPoolCreatedAMomentAgo_FindsIt()
    {
        var first = await PoolAsync("first", new PoolSpec { Subnet = "10.68.0.0/24", Ips = ["10.68.0.5"] });
        await Allocator.AllocatePodAsync(Pod("warm", annotations: new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{first}}"]}""" }));
        var brandNew = await PoolAsync("new", new PoolSpec { Subnet = "10.69.0.0/24", Ips = ["10.69.0.5"] });

        var result = await Allocator.AllocatePodAsync(Pod("a", annotations: new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{brandNew}}"]}""" }));

        Assert.Equal("10.69.0.5", result.Nics.Single().V4!.Address.ToString());
    }

    [Fact]
    public async Task StatefulSetPod_RecreatedWithANewUid_KeepsItsAddressAndTheOldSandboxesLateDelReleasesNothing()
    {
        var pool = await PoolAsync("sts", new PoolSpec { Subnet = "10.70.0.0/24", Ips = ["10.70.0.5-10.70.0.9"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" };
        var first = await Allocator.AllocatePodAsync(StsPod("web-0", "uid-1", "c-1", annotations));

        // The pod is deleted (kubelet's DEL for a valid StatefulSet pod keeps the address) and re-created.
        await Allocator.ReleaseAsync(Release("web-0", "uid-1", "c-1") with { KeepStatic = true });
        var other = await Allocator.AllocatePodAsync(Pod("intruder", annotations: annotations));
        var second = await Allocator.AllocatePodAsync(StsPod("web-0", "uid-2", "c-2", annotations));
        var lateDel = await Allocator.ReleaseAsync(Release("web-0", "uid-1", "c-1"));

        Assert.Equal("10.70.0.5", first.Nics.Single().V4!.Address.ToString());
        Assert.Equal("10.70.0.6", other.Nics.Single().V4!.Address.ToString());
        Assert.Equal(first.Nics.Single().V4, second.Nics.Single().V4);
        Assert.Empty(lateDel.Released);
        var holding = Assert.Single(await Pool(pool).GetHoldingsAsync(), h => h.Address.ToString() == "10.70.0.5");
        Assert.Equal("uid-2", holding.Holder.PodUid);
    }

    [Fact]
    public async Task StatefulSetPod_WhileItRestarts_TheSweepDoesNotFreeItsAddress()
    {
        var pool = await PoolAsync("sts", new PoolSpec { Subnet = "10.71.0.0/24", Ips = ["10.71.0.5-10.71.0.9"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" };
        await Allocator.AllocatePodAsync(StsPod("db-0", "uid-1", "c-1", annotations));
        await Allocator.ReleaseAsync(Release("db-0", "uid-1", "c-1") with { KeepStatic = true });

        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        var swept = await Pool(pool).SweepAsync(TimeSpan.FromMinutes(5));
        var back = await Allocator.AllocatePodAsync(StsPod("db-0", "uid-2", "c-2", annotations));

        Assert.Empty(swept.Released);
        Assert.Equal("10.71.0.5", back.Nics.Single().V4!.Address.ToString());
    }

    [Fact]
    public async Task StatefulSetPod_WhosePoolChanged_GivesTheOldAddressBackAndGetsOneFromTheNewPool()
    {
        var oldPool = await PoolAsync("old", new PoolSpec { Subnet = "10.72.0.0/24", Ips = ["10.72.0.5-10.72.0.9"] });
        var newPool = await PoolAsync("new", new PoolSpec { Subnet = "10.73.0.0/24", Ips = ["10.73.0.5-10.73.0.9"] });
        await Allocator.AllocatePodAsync(StsPod("web-0", "uid-1", "c-1", new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{oldPool}}"]}""" }));
        await Allocator.ReleaseAsync(Release("web-0", "uid-1", "c-1") with { KeepStatic = true });

        var moved = await Allocator.AllocatePodAsync(StsPod("web-0", "uid-2", "c-2", new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{newPool}}"]}""" }));

        Assert.Equal("10.73.0.5", moved.Nics.Single().V4!.Address.ToString());
        Assert.Equal(0, (await Pool(oldPool).GetStatusAsync()).AllocatedIpCount);
    }

    [Fact]
    public async Task KubevirtMigrationTargetPod_GetsTheVirtualMachinesAddress()
    {
        var pool = await PoolAsync("vm", new PoolSpec { Subnet = "10.74.0.0/24", Ips = ["10.74.0.5-10.74.0.9"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" };
        var source = await Allocator.AllocatePodAsync(VmPod("virt-launcher-vm1-abcde", "uid-src", "c-src", "vm1", annotations));

        var target = await Allocator.AllocatePodAsync(VmPod("virt-launcher-vm1-fghij", "uid-dst", "c-dst", "vm1", annotations));

        Assert.Equal(source.Nics.Single().V4, target.Nics.Single().V4);
        Assert.Equal("uid-dst", Assert.Single(await Pool(pool).GetHoldingsAsync()).Holder.PodUid);
    }

    [Fact]
    public async Task StatefulSetPod_RecreatedOnAnotherNode_KeepsItsAddressAlthoughItsPoolIsPinnedToTheOldNode()
    {
        var pool = await PoolAsync("pinned", new PoolSpec { Subnet = "10.75.0.0/24", Ips = ["10.75.0.5-10.75.0.9"], NodeName = ["node-1"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" };
        var first = await Allocator.AllocatePodAsync(StsPod("web-0", "uid-1", "c-1", annotations));
        await Allocator.ReleaseAsync(Release("web-0", "uid-1", "c-1") with { KeepStatic = true });

        var moved = await Allocator.AllocatePodAsync(OnNode(StsPod("web-0", "uid-2", "c-2", annotations), "node-2"));

        Assert.Equal(AllocationOutcome.Allocated, moved.Outcome);
        Assert.Equal(first.Nics.Single().V4, moved.Nics.Single().V4);
        Assert.Equal("uid-2", Assert.Single(await Pool(pool).GetHoldingsAsync()).Holder.PodUid);
    }

    [Fact]
    public async Task KubevirtMigrationTargetOnAnotherNode_GetsTheVirtualMachinesAddressAlthoughThePoolIsPinned()
    {
        var pool = await PoolAsync("vm-pinned", new PoolSpec { Subnet = "10.76.0.0/24", Ips = ["10.76.0.5-10.76.0.9"], NodeName = ["node-1"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" };
        var source = await Allocator.AllocatePodAsync(VmPod("virt-launcher-vm1-abcde", "uid-src", "c-src", "vm1", annotations));

        var target = await Allocator.AllocatePodAsync(OnNode(VmPod("virt-launcher-vm1-fghij", "uid-dst", "c-dst", "vm1", annotations), "node-2"));

        Assert.Equal(AllocationOutcome.Allocated, target.Outcome);
        Assert.Equal(source.Nics.Single().V4, target.Nics.Single().V4);
    }

    [Fact]
    public async Task AllocatePod_RepeatedAfterThePoolWasDisabled_GetsTheAddressRecordedForIt()
    {
        var spec = new PoolSpec { Subnet = "10.77.0.0/24", Ips = ["10.77.0.5-10.77.0.9"] };
        var pool = await PoolAsync("soon-off", spec);
        var pod = Pod("a", annotations: new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" });
        var first = await Allocator.AllocatePodAsync(pod);
        Assert.True((await Pool(pool).SetSpecAsync(spec with { Disable = true })).Accepted);

        var repeated = await Allocator.AllocatePodAsync(pod);
        var newcomer = await Allocator.AllocatePodAsync(Pod("b", annotations: new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" }));

        Assert.Equal(AllocationOutcome.Allocated, repeated.Outcome);
        Assert.True(repeated.Reused);
        Assert.Equal(first.Nics, repeated.Nics);
        Assert.Equal(AllocationOutcome.NoAddress, newcomer.Outcome);
        Assert.Contains("disable", newcomer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleasePod_OfOneInterface_ReleasesEveryInterfaceItsSandboxWasGiven()
    {
        var eth0Pool = await PoolAsync("eth0", new PoolSpec { Subnet = "10.78.0.0/24", Ips = ["10.78.0.5-10.78.0.9"] });
        var net1Pool = await PoolAsync("net1", new PoolSpec { Subnet = "10.79.0.0/24", Ips = ["10.79.0.5-10.79.0.9"] });
        var ippools = $$"""[{"interface":"eth0","ipv4":["{{eth0Pool}}"]},{"interface":"net1","ipv4":["{{net1Pool}}"]}]""";
        var pod = Pod("a", annotations: new() { ["ipam.spidernet.io/ippools"] = ippools });
        var added = await Allocator.AllocatePodAsync(pod);

        // The runtime never attaches net1, so only eth0 gets a DEL.
        var released = await Allocator.ReleaseAsync(new ReleaseRequest
        {
            PodNamespace = pod.Pod.PodNamespace,
            PodName = pod.Pod.PodName,
            PodUid = pod.Pod.PodUid,
            ContainerId = pod.ContainerId,
            IfName = "eth0",
        });

        Assert.Equal(["eth0", "net1"], added.Nics.Select(n => n.IfName));
        Assert.Equal(["10.78.0.5", "10.79.0.5"], released.Released.Select(a => a.Address.ToString()).Order());
        Assert.Equal(0, (await Pool(eth0Pool).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(0, (await Pool(net1Pool).GetStatusAsync()).AllocatedIpCount);
        Assert.Null(await harness.Grains.GetGrain<IWorkloadGrain>($"{pod.Pod.PodNamespace}/{pod.Pod.PodName}").GetAsync());
    }

    [Fact]
    public async Task KubevirtPod_DelAndCheck_FindTheRecordUnderTheVmiLikeTheAdd()
    {
        var pool = await PoolAsync("vm-del", new PoolSpec { Subnet = "10.80.0.0/24", Ips = ["10.80.0.5-10.80.0.9"] });
        var request = VmPod("virt-launcher-vm2-abcde", "uid-1", "c-1", "vm2", new() { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{pool}}"]}""" });
        var added = await Allocator.AllocatePodAsync(request);
        var pod = request.Pod.Ref;

        var endpoint = await Allocator.GetEndpointAsync(pod);
        var byPodName = await Allocator.GetEndpointAsync(pod with { Owner = null });
        var released = await Allocator.ReleaseAsync(new ReleaseRequest
        {
            PodNamespace = pod.Namespace,
            PodName = pod.Name,
            PodUid = pod.Uid,
            Owner = pod.Owner,
            ContainerId = "c-1",
            IfName = "eth0",
        });

        Assert.Equal(added.Nics.Single().V4, endpoint!.Nics.Single().V4);
        Assert.Null(byPodName);
        Assert.Equal(added.Nics.Single().V4!.Address, Assert.Single(released.Released).Address);
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
        Assert.Null(await Allocator.GetEndpointAsync(pod));
    }

    [Fact]
    public async Task UnnamedIppools_ARuntimeThatNamesItsSecondNicEth1_GetsBothAndTheDelReleasesBoth()
    {
        var first = await PoolAsync("pos-a", new PoolSpec { Subnet = "10.81.0.0/24", Ips = ["10.81.0.5-10.81.0.9"] });
        var second = await PoolAsync("pos-b", new PoolSpec { Subnet = "10.82.0.0/24", Ips = ["10.82.0.5-10.82.0.9"] });
        var eth0 = Pod("a", annotations: new() { ["ipam.spidernet.io/ippools"] = $$"""[{"ipv4":["{{first}}"]},{"ipv4":["{{second}}"]}]""" });
        var eth1 = eth0 with { Pod = eth0.Pod with { IfName = "eth1" } };

        var a = await Allocator.AllocatePodAsync(eth0);
        var b = await Allocator.AllocatePodAsync(eth1);
        var again = await Allocator.AllocatePodAsync(eth1);
        var eth2 = await Allocator.AllocatePodAsync(eth0 with { Pod = eth0.Pod with { IfName = "eth2" } });
        var released = await Allocator.ReleaseAsync(new ReleaseRequest
        {
            PodNamespace = eth0.Pod.PodNamespace,
            PodName = eth0.Pod.PodName,
            PodUid = eth0.Pod.PodUid,
            ContainerId = eth0.ContainerId,
            IfName = "eth1",
        });

        Assert.Equal("10.81.0.5", a.Nics.Single(n => n.IfName == "eth0").V4!.Address.ToString());
        Assert.Equal("10.82.0.5", b.Nics.Single(n => n.IfName == "eth1").V4!.Address.ToString());
        Assert.Equal(b.Nics, again.Nics);
        // Claiming an item is eth1's first allocation (NodeHost's conflict checks run); its retry is a repeat.
        Assert.False(b.Reused);
        Assert.True(again.Reused);
        // More interfaces than items: nothing is left for eth2, and nothing new is taken.
        Assert.DoesNotContain(eth2.Nics, n => n.IfName == "eth2");
        Assert.Equal(2, released.Released.Count);
        Assert.Equal(0, (await Pool(first).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(0, (await Pool(second).GetStatusAsync()).AllocatedIpCount);
    }

    [Fact]
    public async Task UnnamedIppools_StatefulSetPodRecreated_KeepsTheAddressesOfItsClaimedItems()
    {
        var first = await PoolAsync("sts-pos-a", new PoolSpec { Subnet = "10.83.0.0/24", Ips = ["10.83.0.5-10.83.0.9"] });
        var second = await PoolAsync("sts-pos-b", new PoolSpec { Subnet = "10.84.0.0/24", Ips = ["10.84.0.5-10.84.0.9"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippools"] = $$"""[{"ipv4":["{{first}}"]},{"ipv4":["{{second}}"]}]""" };
        var pod = StsPod("db-0", "uid-1", "c-1", annotations);
        await Allocator.AllocatePodAsync(pod);
        var before = await Allocator.AllocatePodAsync(pod with { Pod = pod.Pod with { IfName = "eth1" } });
        await Allocator.ReleaseAsync(Release("db-0", "uid-1", "c-1") with { KeepStatic = true });

        var recreated = StsPod("db-0", "uid-2", "c-2", annotations);
        var after = await Allocator.AllocatePodAsync(recreated with { Pod = recreated.Pod with { IfName = "eth1" } });

        Assert.Equal(before.Nics.Select(n => (n.IfName, n.V4)), after.Nics.Select(n => (n.IfName, n.V4)));
        Assert.All(await Pool(second).GetHoldingsAsync(), h => Assert.Equal("uid-2", h.Holder.PodUid));
    }

    [Fact]
    public async Task AllocatePod_WithAStaticAddress_GetsExactlyIt_AndIsRefusedWhenItIsTakenOrOutsideEveryCandidate()
    {
        var first = await PoolAsync("static-a", new PoolSpec { Subnet = "10.66.0.0/24", Ips = ["10.66.0.5-10.66.0.9"] });
        var second = await PoolAsync("static-b", new PoolSpec { Subnet = "10.67.0.0/24", Ips = ["10.67.0.5-10.67.0.9"] });
        var annotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{first}}","{{second}}"]}""" };

        var granted = await Allocator.AllocatePodAsync(Pod("a", annotations) with { RequestedAddresses = [IpAddr.Parse("10.67.0.8")] });
        var repeated = await Allocator.AllocatePodAsync(Pod("a", annotations) with { RequestedAddresses = [IpAddr.Parse("10.67.0.8")] });
        var changed = await Allocator.AllocatePodAsync(Pod("a", annotations) with { RequestedAddresses = [IpAddr.Parse("10.67.0.9")] });
        var taken = await Allocator.AllocatePodAsync(Pod("b", annotations) with { RequestedAddresses = [IpAddr.Parse("10.67.0.8")] });
        var outside = await Allocator.AllocatePodAsync(Pod("c", annotations) with { RequestedAddresses = [IpAddr.Parse("10.99.0.8")] });
        var noV6Pool = await Allocator.AllocatePodAsync(Pod("d", annotations) with { RequestedAddresses = [IpAddr.Parse("fd00:66::8")] });

        Assert.Equal((AllocationOutcome.Allocated, "10.67.0.8", second), (granted.Outcome, granted.Nics.Single().V4!.Address.ToString(), granted.Nics.Single().V4!.Pool));
        Assert.Equal("10.67.0.8", repeated.Nics.Single().V4!.Address.ToString());
        Assert.Equal(AllocationOutcome.InvalidRequest, changed.Outcome);
        Assert.Contains("already holds 10.67.0.8/24, not the requested 10.67.0.9; DEL it first", changed.Message, StringComparison.Ordinal);
        Assert.Equal(AllocationOutcome.NoAddress, taken.Outcome);
        Assert.Contains($"pool '{first}' does not contain 10.67.0.8 (subnet 10.66.0.0/24)", taken.Message, StringComparison.Ordinal);
        Assert.Contains($"pool '{second}' cannot give 10.67.0.8: it is held by ns/a-{run}", taken.Message, StringComparison.Ordinal);
        Assert.Equal(AllocationOutcome.NoAddress, outside.Outcome);
        Assert.Contains($"pool '{second}' does not contain 10.99.0.8", outside.Message, StringComparison.Ordinal);
        Assert.Equal(AllocationOutcome.NoAddress, noV6Pool.Outcome);
        Assert.Contains("the requested address fd00:66::8 is IPv6, and no IPv6 pool is a candidate for this interface", noV6Pool.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Pool(second).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(0, (await Pool(first).GetStatusAsync()).AllocatedIpCount);
    }

    private static PodAllocationRequest OnNode(PodAllocationRequest request, string node) =>
        request with { Pod = request.Pod with { NodeName = node } };

    private async Task<IEnumerable<string>> OtherDefaultPoolsAsync()
    {
        var index = await harness.Grains.GetGrain<IPoolIndexGrain>(IPoolIndexGrain.Key).GetIfChangedAsync(0);
        return index!.Entries.Where(e => e.Default).Select(e => e.Name);
    }

    private async Task<string> PoolAsync(string purpose, PoolSpec spec)
    {
        var name = $"{purpose}-{run}";
        var result = await Pool(name).SetSpecAsync(spec);
        Assert.True(result.Accepted, result.Error);
        return name;
    }

    private IIPPoolGrain Pool(string name) => harness.Grains.GetGrain<IIPPoolGrain>(name);

    private PodAllocationRequest Pod(string name, Dictionary<string, string>? annotations = null) => new()
    {
        ContainerId = $"c-{name}-{run}",
        NetName = "net",
        Pod = new PodContext
        {
            PodNamespace = "ns",
            PodName = $"{name}-{run}",
            PodUid = $"uid-{name}-{run}",
            PodAnnotations = annotations ?? [],
            NodeName = "node-1",
            IfName = "eth0",
        },
    };

    private PodAllocationRequest StsPod(string name, string uid, string containerId, Dictionary<string, string> annotations) => new()
    {
        ContainerId = containerId,
        NetName = "net",
        Pod = new PodContext
        {
            PodNamespace = $"sts-{run}",
            PodName = name,
            PodUid = uid,
            PodAnnotations = annotations,
            Owner = new OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = name[..name.LastIndexOf('-')], Uid = "sts-uid" },
            StatefulSetReplicas = 3,
            NodeName = "node-1",
            IfName = "eth0",
        },
    };

    private PodAllocationRequest VmPod(string name, string uid, string containerId, string vmi, Dictionary<string, string> annotations) => new()
    {
        ContainerId = containerId,
        NetName = "net",
        Pod = new PodContext
        {
            PodNamespace = $"vms-{run}",
            PodName = name,
            PodUid = uid,
            PodAnnotations = annotations,
            Owner = new OwnerReference { ApiVersion = "kubevirt.io/v1", Kind = "VirtualMachineInstance", Name = vmi, Uid = "vmi-uid" },
            NodeName = "node-1",
            IfName = "eth0",
        },
    };

    private ReleaseRequest Release(string name, string uid, string containerId) => new()
    {
        PodNamespace = $"sts-{run}",
        PodName = name,
        PodUid = uid,
        ContainerId = containerId,
        IfName = "eth0",
    };
}
