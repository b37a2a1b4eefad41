using Spiderpool.Grains.Interfaces.Nodes;
using Spiderpool.Tests.Cluster.Infrastructure;
using Xunit;

namespace Spiderpool.Tests.Cluster.Nodes;

public sealed class NodeGrainTests : IAsyncLifetime
{
    private readonly ClusterHarness harness = InMemoryStorage.CreateHarness();
    private readonly string node = "node-" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => harness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private INodeGrain Node => harness.Grains.GetGrain<INodeGrain>(node);

    [Fact]
    public async Task Status_AfterRegistration_IsReportingUntilThreeHeartbeatsAreMissed()
    {
        var before = await Node.GetStatusAsync();
        await Node.RegisterAsync(new NodeRegistration { PluginVersion = "1.0", HeartbeatInterval = TimeSpan.FromSeconds(10), Labels = new Dictionary<string, string> { ["zone"] = "a" } }, null);
        var registered = await Node.GetStatusAsync();
        harness.Clock.Advance(TimeSpan.FromSeconds(31));
        var silent = await Node.GetStatusAsync();

        Assert.False(before.Reporting);
        Assert.True(registered.Reporting);
        Assert.Equal("a", registered.Registration!.Labels["zone"]);
        Assert.False(silent.Reporting);
    }

    [Fact]
    public async Task Heartbeat_WithoutAnObserver_AsksTheNodeHostToRegisterAgain()
    {
        Assert.False(await Node.HeartbeatAsync());
    }

    [Fact]
    public async Task ProbeAttachment_WithoutANodeHost_ReturnsUnknown()
    {
        Assert.Null(await Node.ProbeAttachmentAsync(new NodeAttachment("ns/a", "uid", "c", "eth0", "net", "/nope")));
    }
}
