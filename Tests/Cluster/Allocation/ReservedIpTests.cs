using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Reserved;
using Spiderpool.Tests.Cluster.Infrastructure;
using Xunit;

namespace Spiderpool.Tests.Cluster.Allocation;

/// <summary>SpiderReservedIP: a cluster-wide deny-list per family, for pools that exist and pools created later.</summary>
public sealed class ReservedIpTests : IAsyncLifetime
{
    private readonly ClusterHarness harness = InMemoryStorage.CreateHarness();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IReservedIpGrain Registry => harness.Grains.GetGrain<IReservedIpGrain>(IReservedIpGrain.Key);

    [Fact]
    public async Task Reserving_AppliesToExistingPoolsAndToPoolsCreatedLater_AndKeepsHeldAddressesWithTheirPods()
    {
        var before = await PoolAsync("before", "10.80.0.0/24", "10.80.0.1-10.80.0.4");
        var held = await AllocateAsync("a", before);

        var result = await Registry.SetAsync($"routers-{run}", 0, ["10.80.0.1-10.80.0.2", "10.81.0.1"]);
        var after = await PoolAsync("after", "10.81.0.0/24", "10.81.0.1-10.81.0.3");
        var fromBefore = await AllocateAsync("b", before);
        var fromAfter = await AllocateAsync("c", after);

        Assert.True(result.Accepted, result.Error);
        Assert.Equal("10.80.0.1", held.Nics.Single().V4!.Address.ToString());
        Assert.Equal([new ReservedHolding(before, held.Nics.Single().V4!.Address)], result.AlreadyHeld);
        Assert.Equal("10.80.0.3", fromBefore.Nics.Single().V4!.Address.ToString());
        Assert.Equal("10.81.0.2", fromAfter.Nics.Single().V4!.Address.ToString());
    }

    [Fact]
    public async Task DeletingAReservation_MakesItsAddressesAllocatableAgain()
    {
        var pool = await PoolAsync("p", "10.82.0.0/24", "10.82.0.1-10.82.0.2");
        await Registry.SetAsync($"r-{run}", 4, ["10.82.0.1"]);

        var whileReserved = await AllocateAsync("a", pool);
        await Registry.DeleteAsync($"r-{run}");
        var afterDelete = await AllocateAsync("b", pool);

        Assert.Equal("10.82.0.2", whileReserved.Nics.Single().V4!.Address.ToString());
        Assert.Equal("10.82.0.1", afterDelete.Nics.Single().V4!.Address.ToString());
    }

    [Theory]
    [InlineData(4, new[] { "fd00::1" }, "'fd00::1': IPv6 address in an IPv4 list")]
    [InlineData(5, new[] { "10.0.0.1" }, "spec.ipVersion must be 4 or 6, not 5")]
    [InlineData(0, new string[0], "spec.ips is empty")]
    public async Task Reserving_WithABadSpec_IsRefusedAndChangesNothing(int ipVersion, string[] ips, string expected)
    {
        var pool = await PoolAsync("p", "10.83.0.0/24", "10.83.0.1-10.83.0.2");

        var result = await Registry.SetAsync($"bad-{run}", ipVersion, ips);
        var allocated = await AllocateAsync("a", pool);

        Assert.False(result.Accepted);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal("10.83.0.1", allocated.Nics.Single().V4!.Address.ToString());
    }

    private async Task<string> PoolAsync(string purpose, string subnet, string ips)
    {
        var name = $"{purpose}-{run}";
        var result = await harness.Grains.GetGrain<IIPPoolGrain>(name).SetSpecAsync(new PoolSpec { Subnet = subnet, Ips = [ips] });
        Assert.True(result.Accepted, result.Error);
        return name;
    }

    private Task<AllocationResult> AllocateAsync(string pod, string pool) => harness.Grains.GetGrain<IAllocatorGrain>(0).AllocateAsync(new AllocationRequest
    {
        PodNamespace = "ns",
        PodName = $"{pod}-{run}",
        PodUid = $"uid-{pod}-{run}",
        ContainerId = $"c-{pod}",
        Interfaces = [new InterfaceRequest { IfName = "eth0", V4Pools = [pool] }],
    });
}
