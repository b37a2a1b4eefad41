using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Storage;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Grains.Persistence;
using Spiderpool.Tests.Cluster.Infrastructure;
using Spiderpool.Tests.Cluster.Persistence;
using Xunit;

namespace Spiderpool.Tests.Cluster.Allocation;

/// <summary>
/// The allocation behaviour, written once and run on every storage (in memory, SQLite, PostgreSQL) on a two-silo cluster.
/// Each test gets its own cluster and unique pool names.
/// </summary>
public abstract class AllocationSuite : IAsyncLifetime
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    protected ClusterHarness Harness { get; private set; } = null!;

    private IGrainFactory Grains => Harness.Grains;

    private IAllocatorGrain Allocator => Grains.GetGrain<IAllocatorGrain>(0);

    protected abstract ClusterHarness CreateHarness();

    public async Task InitializeAsync()
    {
        Harness = CreateHarness();
        await Harness.StartAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    [ContractFact]
    public async Task Allocate_FromOnePool_ReturnsLowestFreeAddressSkippingExcludedAndReserved()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.1.0.0/24", Ips = ["10.1.0.10-10.1.0.20"], ExcludeIps = ["10.1.0.10"], Gateway = "10.1.0.1" });
        await Pool(pool).SetReservedAsync(["10.1.0.11"]);

        var result = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        var nic = Assert.Single(result.Nics);
        Assert.Equal("10.1.0.12/24", nic.V4!.Cidr);
        Assert.Equal("10.1.0.1", nic.V4.Gateway);
        Assert.Equal([new NicRoute("0.0.0.0/0", "10.1.0.1")], nic.Routes);
        Assert.Null(nic.V6);
    }

    [ContractFact]
    public async Task Allocate_RepeatedForSameContainer_ReturnsSameAddressesAndHoldsNothingMore()
    {
        var v4 = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.2.0.0/24", Ips = ["10.2.0.1-10.2.0.9"] });
        var v6 = await CreatePoolAsync("v6", new PoolSpec { Subnet = "fd00:2::/64", Ips = ["fd00:2::10-fd00:2::20"] });
        var request = Request("pod-a", Nic("eth0", v4: [v4], v6: [v6]));

        var first = await Allocator.AllocateAsync(request);
        var second = await Allocator.AllocateAsync(request);

        Assert.Equal(AllocationOutcome.Allocated, second.Outcome);
        Assert.True(second.Reused);
        Assert.Equal(first.Nics.Single().V4, second.Nics.Single().V4);
        Assert.Equal("fd00:2::10/64", second.Nics.Single().V6!.Cidr);
        Assert.Equal(1, (await Pool(v4).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(1, (await Pool(v6).GetStatusAsync()).AllocatedIpCount);
    }

    [ContractFact]
    public async Task Allocate_WhenFirstCandidateIsExhausted_TakesFromTheNextCandidate()
    {
        var tiny = await CreatePoolAsync("tiny", new PoolSpec { Subnet = "10.3.0.0/24", Ips = ["10.3.0.5"] });
        var big = await CreatePoolAsync("big", new PoolSpec { Subnet = "10.4.0.0/24", Ips = ["10.4.0.5-10.4.0.50"] });

        var a = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [tiny, big])));
        var b = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [tiny, big])));

        Assert.Equal("10.3.0.5", a.Nics.Single().V4!.Address.ToString());
        Assert.Equal(tiny, a.Nics.Single().V4!.Pool);
        Assert.Equal("10.4.0.5", b.Nics.Single().V4!.Address.ToString());
        Assert.Equal(big, b.Nics.Single().V4!.Pool);
    }

    [ContractFact]
    public async Task Allocate_WhenEveryCandidateFails_NamesEachPoolAndWhyAndHoldsNothing()
    {
        var tiny = await CreatePoolAsync("tiny", new PoolSpec { Subnet = "10.5.0.0/24", Ips = ["10.5.0.5"] });
        var off = await CreatePoolAsync("off", new PoolSpec { Subnet = "10.6.0.0/24", Ips = ["10.6.0.5"], Disable = true });
        var missing = $"missing-{run}";
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [tiny])));

        var result = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [tiny, off, missing])));

        Assert.Equal(AllocationOutcome.NoAddress, result.Outcome);
        Assert.Empty(result.Nics);
        Assert.Equal([tiny, off, missing], result.Rejections.Select(r => r.Pool));
        Assert.Contains("exhausted", result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("disabled", result.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Contains($"pool '{tiny}' is exhausted", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"pool '{tiny}' pool", result.Message, StringComparison.Ordinal);
        Assert.Null(await Workload("pod-b").GetAsync());
    }

    [ContractFact]
    public async Task Allocate_DualStackTwoNics_WhenSecondNicsPoolIsExhausted_ReleasesEverythingTaken()
    {
        var v4 = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.7.0.0/24", Ips = ["10.7.0.1-10.7.0.9"] });
        var v6 = await CreatePoolAsync("v6", new PoolSpec { Subnet = "fd00:7::/64", Ips = ["fd00:7::1-fd00:7::9"] });
        var net1Empty = await CreatePoolAsync("net1", new PoolSpec { Subnet = "10.8.0.0/24", Ips = ["10.8.0.1"] });
        await Allocator.AllocateAsync(Request("filler", Nic("eth0", v4: [net1Empty])));

        var result = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [v4], v6: [v6]), Nic("net1", v4: [net1Empty])));

        Assert.Equal(AllocationOutcome.NoAddress, result.Outcome);
        Assert.Equal(0, (await Pool(v4).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(0, (await Pool(v6).GetStatusAsync()).AllocatedIpCount);
        Assert.Null(await Workload("pod-a").GetAsync());

        // The addresses given back are the first handed out next.
        var next = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [v4], v6: [v6])));
        Assert.Equal("10.7.0.1", next.Nics.Single().V4!.Address.ToString());
        Assert.Equal("fd00:7::1", next.Nics.Single().V6!.Address.ToString());
    }

    [ContractFact]
    public async Task Allocate_TwoNicsFromOnePool_GetsTwoAddressesRecordedOnTheWorkload()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.9.0.0/24", Ips = ["10.9.0.1-10.9.0.9"] });

        var result = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool]), Nic("net1", v4: [pool])));

        Assert.Equal(["10.9.0.1", "10.9.0.2"], result.Nics.Select(n => n.V4!.Address.ToString()).Order());
        var record = await Workload("pod-a").GetAsync();
        Assert.Equal(["eth0", "net1"], record!.Nics.Select(n => n.IfName));
        Assert.Equal("uid-pod-a", record.PodUid);
    }

    [ContractFact]
    public async Task Allocate_WithMalformedRequest_ReturnsInvalidRequestAndTouchesNoPool()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.10.0.0/24", Ips = ["10.10.0.1"] });

        var bothFamilies = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool], v6: [pool])));
        var noContainer = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])) with { ContainerId = "" });
        var twice = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool]), Nic("eth0", v4: [pool])));

        Assert.Equal(AllocationOutcome.InvalidRequest, bothFamilies.Outcome);
        Assert.Contains("both IPv4 and IPv6", bothFamilies.Message, StringComparison.Ordinal);
        Assert.Equal(AllocationOutcome.InvalidRequest, noContainer.Outcome);
        Assert.Contains("CNI_CONTAINERID", noContainer.Message, StringComparison.Ordinal);
        Assert.Equal(AllocationOutcome.InvalidRequest, twice.Outcome);
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
    }

    [ContractFact]
    public async Task Release_RepeatedAndForUnknownPod_Succeeds()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.11.0.0/24", Ips = ["10.11.0.1-10.11.0.2"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        var first = await Allocator.ReleaseAsync(Release("pod-a", "eth0"));
        var second = await Allocator.ReleaseAsync(Release("pod-a", "eth0"));
        var unknown = await Allocator.ReleaseAsync(Release("never-seen", "eth0"));

        Assert.Equal("10.11.0.1", Assert.Single(first.Released).Address.ToString());
        Assert.Empty(second.Released);
        Assert.Empty(unknown.Released);
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
        Assert.Null(await Workload("pod-a").GetAsync());
    }

    [ContractFact]
    public async Task Release_FromAnOldSandbox_KeepsTheAddressesTheNewSandboxAdopted()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.12.0.0/24", Ips = ["10.12.0.1-10.12.0.9"] });
        var first = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        var again = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])) with { ContainerId = "sandbox-2" });

        var lateDel = await Allocator.ReleaseAsync(Release("pod-a", "eth0"));

        Assert.True(again.Reused);
        Assert.Equal(first.Nics.Single().V4, again.Nics.Single().V4);
        Assert.Empty(lateDel.Released);
        Assert.Equal(1, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal("sandbox-2", (await Workload("pod-a").GetAsync())!.Nics.Single().ContainerId);
    }

    [ContractFact]
    public async Task Allocate_ForRecreatedPodWithNewUid_ReleasesTheOldPodsAddress()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.13.0.0/24", Ips = ["10.13.0.1-10.13.0.9"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        var recreated = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])) with { PodUid = "uid-pod-a-2", ContainerId = "sandbox-9" });

        Assert.Equal("10.13.0.2", recreated.Nics.Single().V4!.Address.ToString());
        var holdings = await Pool(pool).GetHoldingsAsync();
        Assert.Equal("uid-pod-a-2", Assert.Single(holdings).Holder.PodUid);
    }

    [ContractFact]
    public async Task Allocate_ManyConcurrentCallersOnTwoSilos_NeverShareAnAddress()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.14.0.0/22", Ips = ["10.14.0.1-10.14.3.254"] });
        var v6 = await CreatePoolAsync("v6", new PoolSpec { Subnet = "fd00:14::/64", Ips = ["fd00:14::1-fd00:14::ffff"] });

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            Allocator.AllocateAsync(Request($"pod-{i}", Nic("eth0", v4: [pool], v6: [v6])))));
        // Half of them leave while the other half arrive.
        var churn = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? Allocator.ReleaseAsync(Release($"pod-{i}", "eth0")).ContinueWith(_ => (AllocationResult?)null, TaskScheduler.Default)
            : Allocator.AllocateAsync(Request($"late-{i}", Nic("eth0", v4: [pool], v6: [v6]))).ContinueWith(t => (AllocationResult?)t.Result, TaskScheduler.Default)));

        Assert.All(results, r => Assert.Equal(AllocationOutcome.Allocated, r.Outcome));
        var holdings = await Pool(pool).GetHoldingsAsync();
        Assert.Equal(400, holdings.Count);
        Assert.Equal(holdings.Count, holdings.Select(h => h.Address).Distinct().Count());
        Assert.Equal(holdings.Count, holdings.Select(h => h.Holder.PodKey).Distinct().Count());
        var v6Holdings = await Pool(v6).GetHoldingsAsync();
        Assert.Equal(400, v6Holdings.Count);
        Assert.Equal(400, v6Holdings.Select(h => h.Address).Distinct().Count());
        Assert.All(churn.Where(r => r is not null), r => Assert.Equal(AllocationOutcome.Allocated, r!.Outcome));
    }

    [ContractFact]
    public async Task Pool_AfterAnotherActivationWrote_FailsItsNextWriteAndTheRetryReloads()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.15.0.0/24", Ips = ["10.15.0.1-10.15.0.9"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        // Another activation (say, during a membership change) hands out 10.15.0.2 and writes first.
        await Harness.Store.WriteBehindTheGrainsBackAsync(pool, new HeldAddress(IpAddr.Parse("10.15.0.2"), "ns/other", "uid-other", "c-other", "eth0", Harness.Clock.GetUtcNow().ToUnixTimeMilliseconds()));

        var stale = await Assert.ThrowsAsync<PoolUnavailableException>(() =>
            Pool(pool).AllocateAsync(new AddressHolder("ns/direct", "uid-direct", "c-direct", "eth0")));
        var viaAllocator = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [pool])));

        Assert.Contains("retry", stale.Message, StringComparison.Ordinal);
        Assert.Equal("10.15.0.3", viaAllocator.Nics.Single().V4!.Address.ToString());
        var holdings = await Pool(pool).GetHoldingsAsync();
        Assert.Equal(["10.15.0.1", "10.15.0.2", "10.15.0.3"], holdings.Select(h => h.Address.ToString()));
    }

    [ContractFact]
    public Task Allocate_WhenAPoolWriteIsLost_TheAllocatorAsksAgainAndNothingLeaks() =>
        AllocateWithInDoubtWriteAsync(FaultyPoolStore.Fault.LoseWrite);

    [ContractFact]
    public Task Allocate_WhenAPoolWriteLandsButItsAnswerIsLost_TheRetryGetsTheSameAddress() =>
        AllocateWithInDoubtWriteAsync(FaultyPoolStore.Fault.LoseAnswer);

    private async Task AllocateWithInDoubtWriteAsync(FaultyPoolStore.Fault fault)
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.16.0.0/24", Ips = ["10.16.0.1-10.16.0.9"] });
        Harness.Store.Arm(pool, fault);

        var result = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal("10.16.0.1", result.Nics.Single().V4!.Address.ToString());
        var holding = Assert.Single(await Pool(pool).GetHoldingsAsync());
        Assert.Equal("uid-pod-a", holding.Holder.PodUid);
    }

    [ContractFact]
    public async Task Crash_AfterReservingBeforeRecording_RetryGetsTheSameAddressesAndRecordsThem()
    {
        var v4 = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.17.0.0/24", Ips = ["10.17.0.1-10.17.0.9"] });
        var v6 = await CreatePoolAsync("v6", new PoolSpec { Subnet = "fd00:17::/64", Ips = ["fd00:17::1-fd00:17::9"] });
        // The allocator reserved IPv4 and crashed before IPv6 and before recording.
        var reserved = await Pool(v4).AllocateAsync(new AddressHolder($"{Namespace}/{Name("pod-a")}", "uid-pod-a", "c-pod-a", "eth0"));

        var retry = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [v4], v6: [v6])));

        Assert.Equal(reserved.Address, retry.Nics.Single().V4!.Address);
        Assert.Equal("fd00:17::1", retry.Nics.Single().V6!.Address.ToString());
        Assert.Equal(1, (await Pool(v4).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(retry.Nics.Single().V4, (await Workload("pod-a").GetAsync())!.Nics.Single().V4);
    }

    [ContractFact]
    public async Task Crash_AfterReservingWithNoRetry_TheSweepFreesOnlyUnrecordedAddressesAfterTheGrace()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.18.0.0/24", Ips = ["10.18.0.1-10.18.0.9"] });
        await Allocator.AllocateAsync(Request("kept", Nic("eth0", v4: [pool])));
        await Pool(pool).AllocateAsync(new AddressHolder($"{Namespace}/{Name("crashed")}", "uid-crashed", "c-crashed", "eth0"));
        var grace = TimeSpan.FromMinutes(5);

        var early = await Pool(pool).SweepAsync(grace);
        Harness.Clock.Advance(grace + TimeSpan.FromSeconds(1));
        var late = await Pool(pool).SweepAsync(grace);

        Assert.Equal(0, early.Examined);
        Assert.Empty(early.Released);
        Assert.Equal(2, late.Examined);
        Assert.Equal("10.18.0.2", Assert.Single(late.Released).ToString());
        Assert.Equal($"{Namespace}/{Name("kept")}", Assert.Single(await Pool(pool).GetHoldingsAsync()).Holder.PodKey);
    }

    [ContractFact]
    public async Task Crash_AfterRecordingBeforeAnswering_RetryIsAnsweredFromTheRecord()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.19.0.0/24", Ips = ["10.19.0.1-10.19.0.9"] });
        var first = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        var retry = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        Harness.Clock.Advance(TimeSpan.FromHours(1));
        var swept = await Pool(pool).SweepAsync(TimeSpan.FromMinutes(5));

        Assert.True(retry.Reused);
        Assert.Equal(first.Nics, retry.Nics);
        Assert.Equal(1, swept.Examined);
        Assert.Empty(swept.Released);
    }

    [ContractFact]
    public async Task Crash_InReleaseAfterTheWorkloadForgotTheAddress_TheSweepFreesIt()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.20.0.0/24", Ips = ["10.20.0.1-10.20.0.9"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        // Release step 1 (the workload forgets) ran; step 2 (the pool) never did.
        await Workload("pod-a").ReleaseAsync("c-pod-a", "eth0");

        Harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var swept = await Pool(pool).SweepAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("10.20.0.1", Assert.Single(swept.Released).ToString());
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
    }

    [ContractFact]
    public async Task Crash_AfterReserving_DelWithPoolHintFreesTheReservation()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.21.0.0/24", Ips = ["10.21.0.1-10.21.0.9"] });
        await Pool(pool).AllocateAsync(new AddressHolder($"{Namespace}/{Name("pod-a")}", "uid-pod-a", "c-pod-a", "eth0"));

        var released = await Allocator.ReleaseAsync(Release("pod-a", "eth0") with { PoolsHint = [pool] });

        Assert.Equal("10.21.0.1", Assert.Single(released.Released).Address.ToString());
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
    }

    [ContractFact]
    public async Task Sweep_WhenARetryTouchedTheReservation_KeepsIt()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.22.0.0/24", Ips = ["10.22.0.1-10.22.0.9"] });
        var holder = new AddressHolder($"{Namespace}/{Name("pod-a")}", "uid-pod-a", "c-pod-a", "eth0");
        await Pool(pool).AllocateAsync(holder);
        Harness.Clock.Advance(TimeSpan.FromMinutes(10));

        // A retry arrives just before the sweep: the pool hands the same address again and restarts its grace.
        var again = await Pool(pool).AllocateAsync(holder);
        var swept = await Pool(pool).SweepAsync(TimeSpan.FromMinutes(5));

        Assert.True(again.Reused);
        Assert.Empty(swept.Released);
        Assert.Equal(1, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
    }

    [ContractFact]
    public async Task Restart_OfTheWholeCluster_KeepsEveryAllocationAndTheNextAddress()
    {
        var v4 = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.23.0.0/24", Ips = ["10.23.0.1-10.23.0.99"], Gateway = "10.23.0.254" });
        var v6 = await CreatePoolAsync("v6", new PoolSpec { Subnet = "fd00:23::/64", Ips = ["fd00:23::1-fd00:23::99"] });
        var before = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Allocator.AllocateAsync(Request($"pod-{i}", Nic("eth0", v4: [v4], v6: [v6])))));
        await Allocator.ReleaseAsync(Release("pod-3", "eth0"));

        await Harness.RestartAsync();

        var again = await Allocator.AllocateAsync(Request("pod-7", Nic("eth0", v4: [v4], v6: [v6])));
        var fresh = await Allocator.AllocateAsync(Request("pod-new", Nic("eth0", v4: [v4], v6: [v6])));
        Assert.True(again.Reused);
        Assert.Equal(before[7].Nics, again.Nics);
        Assert.Equal(before[3].Nics.Single().V4!.Address, fresh.Nics.Single().V4!.Address);
        Assert.Equal(20, (await Pool(v4).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal(20, (await Pool(v6).GetStatusAsync()).AllocatedIpCount);
        Assert.Equal("10.23.0.254", (await Pool(v4).GetStatusAsync()).Spec!.Gateway);
    }

    [ContractFact]
    public async Task SetSpec_ShrinkingUnderAHeldAddress_KeepsItWithItsHolderAndNeverHandsItOutAgain()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.24.0.0/24", Ips = ["10.24.0.1-10.24.0.3"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [pool])));

        var shrink = await Pool(pool).SetSpecAsync(new PoolSpec { Subnet = "10.24.0.0/24", Ips = ["10.24.0.2-10.24.0.3"] });
        await Allocator.ReleaseAsync(Release("pod-a", "eth0"));
        var c = await Allocator.AllocateAsync(Request("pod-c", Nic("eth0", v4: [pool])));
        var d = await Allocator.AllocateAsync(Request("pod-d", Nic("eth0", v4: [pool])));

        Assert.True(shrink.Accepted);
        Assert.Equal("10.24.0.1", Assert.Single(shrink.HeldOutsideSpec).ToString());
        Assert.Equal("10.24.0.3", c.Nics.Single().V4!.Address.ToString());
        Assert.Equal(AllocationOutcome.NoAddress, d.Outcome);
    }

    [ContractFact]
    public async Task SetSpec_WithInvalidOrImmutableChange_IsRejectedAndChangesNothing()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.25.0.0/24", Ips = ["10.25.0.1-10.25.0.3"] });

        var subnetChange = await Pool(pool).SetSpecAsync(new PoolSpec { Subnet = "10.26.0.0/24", Ips = ["10.26.0.1"] });
        var outside = await Pool(pool).SetSpecAsync(new PoolSpec { Subnet = "10.25.0.0/24", Ips = ["10.25.1.1"] });
        var status = await Pool(pool).GetStatusAsync();

        Assert.False(subnetChange.Accepted);
        Assert.Contains("spec.subnet is immutable", subnetChange.Error, StringComparison.Ordinal);
        Assert.False(outside.Accepted);
        Assert.Contains("'10.25.1.1' is outside spec.subnet", outside.Error, StringComparison.Ordinal);
        Assert.Equal(["10.25.0.1-10.25.0.3"], status.Spec!.Ips);
        Assert.Equal(3, status.TotalIpCount);
    }

    [ContractFact]
    public async Task SetReserved_OverAHeldAddress_DoesNotTakeItAndSaysSo()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.27.0.0/24", Ips = ["10.27.0.1-10.27.0.3"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        var result = await Pool(pool).SetReservedAsync(["10.27.0.1-10.27.0.2"]);
        var next = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [pool])));

        Assert.Equal("10.27.0.1", Assert.Single(result.HeldOutsideSpec).ToString());
        Assert.Equal($"{Namespace}/{Name("pod-a")}", Assert.Single(await Pool(pool).GetHoldingsAsync(), h => h.Address.ToString() == "10.27.0.1").Holder.PodKey);
        Assert.Equal("10.27.0.3", next.Nics.Single().V4!.Address.ToString());
    }

    [ContractFact]
    public async Task Delete_OfAPoolInUse_WaitsForTheLastReleaseThenRemovesIt()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.28.0.0/24", Ips = ["10.28.0.1-10.28.0.3"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        var first = await Pool(pool).DeleteAsync();
        var refused = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [pool])));
        await Allocator.ReleaseAsync(Release("pod-a", "eth0"));

        Assert.False(first.Deleted);
        Assert.Equal(1, first.StillHeld);
        Assert.Contains("being deleted", refused.Rejections.Single().Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(pool, await Harness.Store.ListPoolsAsync());
        Assert.Null((await Pool(pool).GetStatusAsync()).Spec);
    }

    [ContractFact]
    public async Task Quarantine_OfAConflictingAddress_SkipsItUntilTheTimeIsUp()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.29.0.0/24", Ips = ["10.29.0.1-10.29.0.9"] });
        var first = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        var conflicting = first.Nics.Single().V4!.Address;

        await Pool(pool).QuarantineAsync(conflicting, TimeSpan.FromMinutes(10));
        await Allocator.ReleaseAsync(Release("pod-a", "eth0"));
        var retry = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])) with { ContainerId = "c-pod-a-2" });
        Harness.Clock.Advance(TimeSpan.FromMinutes(11));
        var later = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [pool])));

        Assert.Equal("10.29.0.1", conflicting.ToString());
        Assert.Equal("10.29.0.2", retry.Nics.Single().V4!.Address.ToString());
        Assert.Equal("10.29.0.1", later.Nics.Single().V4!.Address.ToString());
    }

    // Storage faults on the workload record (issue 13, C1 and C2): a write or clear that fails, with or without landing.

    [ContractFact]
    public async Task Allocate_WhenTheRecordWriteIsLost_TheRetryRecordsDurablyAndNoOtherPodGetsTheAddress()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.30.0.0/24", Ips = ["10.30.0.1-10.30.0.9"] });
        Harness.GrainStorageFaults.Arm(WorkloadKey("pod-a"), FaultyGrainStorage.Operation.Write);

        var first = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        var retry = await AllocateUntilAnsweredAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        // Nothing in memory survives: only what the retry made durable keeps the address with pod-a.
        await Harness.RestartAsync();
        Harness.Clock.Advance(TimeSpan.FromHours(1));
        var swept = await Pool(pool).SweepAsync(TimeSpan.FromMinutes(5));
        var other = await Allocator.AllocateAsync(Request("pod-b", Nic("eth0", v4: [pool])));

        Assert.Equal(AllocationOutcome.RetryLater, first.Outcome);
        Assert.Contains("retry", first.Message, StringComparison.Ordinal);
        Assert.Equal(AllocationOutcome.Allocated, retry.Outcome);
        Assert.Empty(swept.Released);
        Assert.Equal(retry.Nics.Single().V4, (await Workload("pod-a").GetAsync())!.Nics.Single().V4);
        Assert.Equal("10.30.0.1", retry.Nics.Single().V4!.Address.ToString());
        Assert.Equal("10.30.0.2", other.Nics.Single().V4!.Address.ToString());
    }

    [ContractFact]
    public async Task Allocate_WhenTheRecordWriteLandsButItsAnswerIsLost_TheRetryIsAnsweredFromTheStoredRecord()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.31.0.0/24", Ips = ["10.31.0.1-10.31.0.9"] });
        Harness.GrainStorageFaults.Arm(WorkloadKey("pod-a"), FaultyGrainStorage.Operation.Write, FaultyGrainStorage.Fault.LoseAnswer);

        var first = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        var retry = await AllocateUntilAnsweredAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        await Harness.RestartAsync();
        var afterRestart = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        Assert.Equal(AllocationOutcome.RetryLater, first.Outcome);
        Assert.True(retry.Reused);
        Assert.Equal("10.31.0.1", retry.Nics.Single().V4!.Address.ToString());
        Assert.Equal(retry.Nics, afterRestart.Nics);
        Assert.Single(await Pool(pool).GetHoldingsAsync());
    }

    [ContractFact]
    public async Task Allocate_WhenReadingTheRecordFails_AsksToRetryHoldsNothingAndTheRetryAllocates()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.32.0.0/24", Ips = ["10.32.0.1-10.32.0.9"] });
        Harness.GrainStorageFaults.Arm(WorkloadKey("pod-a"), FaultyGrainStorage.Operation.Read);

        var first = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        var held = (await Pool(pool).GetStatusAsync()).AllocatedIpCount;
        var retry = await AllocateUntilAnsweredAsync(Request("pod-a", Nic("eth0", v4: [pool])));

        Assert.Equal(AllocationOutcome.RetryLater, first.Outcome);
        Assert.Contains("injected", first.Message, StringComparison.Ordinal);
        Assert.Equal(0, held);
        Assert.Equal("10.32.0.1", retry.Nics.Single().V4!.Address.ToString());
    }

    [ContractFact]
    public async Task Release_WhenTheRecordClearIsLost_TheRetryReleasesTheAddresses()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.33.0.0/24", Ips = ["10.33.0.1-10.33.0.9"] });
        var allocated = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        Harness.GrainStorageFaults.Arm(WorkloadKey("pod-a"), FaultyGrainStorage.Operation.Clear);

        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() => Allocator.ReleaseAsync(Release("pod-a", "eth0")));
        var retry = await ReleaseUntilAnsweredAsync(Release("pod-a", "eth0"));
        await Harness.RestartAsync();

        Assert.Contains("injected", failed.Message, StringComparison.Ordinal);
        Assert.Equal(allocated.Nics.Single().V4!.Address, Assert.Single(retry.Released).Address);
        Assert.Equal(0, (await Pool(pool).GetStatusAsync()).AllocatedIpCount);
        Assert.Null(await Workload("pod-a").GetAsync());
    }

    [ContractFact]
    public async Task Release_WhenTheRecordClearLandsButItsAnswerIsLost_TheSweepFreesTheAddressAndNothingStaysRecorded()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.34.0.0/24", Ips = ["10.34.0.1-10.34.0.9"] });
        await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        Harness.GrainStorageFaults.Arm(WorkloadKey("pod-a"), FaultyGrainStorage.Operation.Clear, FaultyGrainStorage.Fault.LoseAnswer);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Allocator.ReleaseAsync(Release("pod-a", "eth0")));
        await ReleaseUntilAnsweredAsync(Release("pod-a", "eth0"));
        Harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var swept = await Pool(pool).SweepAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("10.34.0.1", Assert.Single(swept.Released).ToString());
        Assert.Null(await Workload("pod-a").GetAsync());
    }

    [ContractFact]
    public async Task Workload_AfterAFailedWrite_AnswersWhatIsStoredAndTheErrorKeepsItsCause()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.35.0.0/24", Ips = ["10.35.0.1-10.35.0.9"] });
        var allocated = await Allocator.AllocateAsync(Request("pod-a", Nic("eth0", v4: [pool])));
        var address = allocated.Nics.Single().V4!;
        Harness.GrainStorageFaults.Arm(WorkloadKey("pod-a"), FaultyGrainStorage.Operation.Write);
        var commit = new WorkloadCommit("uid-pod-a", "node-1", [allocated.Nics.Single() with { IfName = "net1" }], Harness.Clock.GetUtcNow().AddMinutes(1));

        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() => Workload("pod-a").RecordAsync(commit));
        var record = await Workload("pod-a").GetAsync();

        // The error crossed from the silo to this client with its cause, not as "could not find a codec".
        Assert.Contains("injected", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["eth0"], record!.Nics.Select(n => n.IfName));
        Assert.Equal(address, record.Nics.Single().V4);
    }

    [ContractFact]
    public async Task CollectGarbage_AfterAFullRestart_ReleasesOnlyTheNodesStaleContainersOfThatNetwork()
    {
        var pool = await CreatePoolAsync("v4", new PoolSpec { Subnet = "10.36.0.0/24", Ips = ["10.36.0.1-10.36.0.9"] });
        var stale = await Allocator.AllocateAsync(Request("stale", Nic("eth0", v4: [pool], netName: "macvlan")));
        var live = await Allocator.AllocateAsync(Request("live", Nic("eth0", v4: [pool], netName: "macvlan")));
        var otherNode = await Allocator.AllocateAsync(Request("elsewhere", Nic("eth0", v4: [pool], netName: "macvlan")) with { Node = "node-2" });
        var otherNetwork = await Allocator.AllocateAsync(Request("other-net", Nic("net1", v4: [pool], netName: "ipvlan")));
        // Only what is durable survives: CNI GC must not depend on anything written after the ADD answered.
        await Harness.RestartAsync();

        var gc = await Allocator.CollectGarbageAsync(new NodeGcRequest { Node = "node-1", NetName = "macvlan", ValidContainerIds = ["c-live"] });
        var again = await Allocator.CollectGarbageAsync(new NodeGcRequest { Node = "node-1", NetName = "macvlan", ValidContainerIds = ["c-live"] });

        Assert.Equal(stale.Nics.Single().V4!.Address, Assert.Single(gc.Released).Address);
        Assert.Empty(again.Released);
        Assert.Null(await Workload("stale").GetAsync());
        var holders = (await Pool(pool).GetHoldingsAsync()).Select(h => h.Holder.PodKey).Order().ToList();
        Assert.Equal(new[] { "elsewhere", "live", "other-net" }.Select(p => $"{Namespace}/{Name(p)}").Order(), holders);
        Assert.Equal(AllocationOutcome.Allocated, live.Outcome);
        Assert.Equal(AllocationOutcome.Allocated, otherNode.Outcome);
        Assert.Equal(AllocationOutcome.Allocated, otherNetwork.Outcome);
    }

    private const string Namespace = "ns";

    private string Name(string purpose) => $"{purpose}-{run}";

    private async Task<string> CreatePoolAsync(string purpose, PoolSpec spec)
    {
        var name = Name(purpose);
        var result = await Pool(name).SetSpecAsync(spec);
        Assert.True(result.Accepted, result.Error);
        return name;
    }

    private IIPPoolGrain Pool(string name) => Grains.GetGrain<IIPPoolGrain>(name);

    private IWorkloadGrain Workload(string pod) => Grains.GetGrain<IWorkloadGrain>(WorkloadKey(pod));

    private string WorkloadKey(string pod) => $"{Namespace}/{Name(pod)}";

    /// <summary>kubelet's behaviour: repeat an ADD answered "try again later" (bounded).</summary>
    private async Task<AllocationResult> AllocateUntilAnsweredAsync(AllocationRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await Allocator.AllocateAsync(request);
            if (result.Outcome != AllocationOutcome.RetryLater || attempt == 5)
            {
                return result;
            }
        }
    }

    /// <summary>kubelet's behaviour: repeat a DEL that failed (bounded).</summary>
    private async Task<ReleaseResult> ReleaseUntilAnsweredAsync(ReleaseRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Allocator.ReleaseAsync(request);
            }
            catch (StorageUnavailableException) when (attempt < 5)
            {
            }
        }
    }

    private AllocationRequest Request(string pod, params InterfaceRequest[] nics) => new()
    {
        PodNamespace = Namespace,
        PodName = Name(pod),
        PodUid = $"uid-{pod}",
        ContainerId = $"c-{pod}",
        Node = "node-1",
        Interfaces = nics,
    };

    private ReleaseRequest Release(string pod, string ifName) => new()
    {
        PodNamespace = Namespace,
        PodName = Name(pod),
        PodUid = $"uid-{pod}",
        ContainerId = $"c-{pod}",
        IfName = ifName,
    };

    private static InterfaceRequest Nic(string ifName, string[]? v4 = null, string[]? v6 = null, string netName = "") => new()
    {
        IfName = ifName,
        V4Pools = v4 ?? [],
        V6Pools = v6 ?? [],
        NetName = netName,
    };
}
