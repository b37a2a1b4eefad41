using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// NodeHost in client mode with the silo in its own process on PostgreSQL: while the silo is down ADD answers 11
/// and STATUS says the plugin cannot serve ADD (50); once it is back ADD works and what was allocated before the
/// crash is still held (state survives in PostgreSQL). The slowest CNI tests (silo starts and an Orleans client
/// reconnect), though on the 2-core machine each took about 5 s.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class SiloOutageTests : IClassFixture<NodeOnlyFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly NodeOnlyFixture fixture;

    public SiloOutageTests(NodeOnlyFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    private static TestPool Pool => TestPools.Outage;

    [PostgresFact]
    public async Task Add_answers_11_while_the_silo_is_down_and_works_again_with_earlier_allocations_kept_once_it_is_back()
    {
        using var silo = NewSilo();
        using var nodeHost = NewClient(silo, "client");
        var config = CniFixture.MacvlanConfig("1.0.0", "silo-net", fixture.Ipam(Pool, socketPath: nodeHost.SocketPath));
        var before = await fixture.NewPodAsync("before");
        var during = await fixture.NewPodAsync("during");
        TestPod? after = null;
        try
        {
            await StartAsync(silo, nodeHost);
            var add = await fixture.MacvlanAsync("ADD", before, config);
            Assert.True(add.Succeeded, $"{fixture.Explain(add)}\n{nodeHost.Tail()}\n{silo.Tail()}");
            var held = Assert.Single(add.Addresses);

            silo.Kill();
            var down = await fixture.MacvlanAsync("ADD", during, config);

            Assert.True(down.Code == 11, $"{fixture.Explain(down)}\n{nodeHost.Tail()}");
            Assert.True(down.Elapsed < TimeSpan.FromSeconds(60), $"took {down.Elapsed.TotalSeconds:F1} s");

            // Every verb is behind the same guard: CHECK and GC say "try again later" too, not "NodeHost and the
            // plugin may be different versions" (109).
            var direct = CniFixture.DirectConfig("1.1.0", "silo-net", fixture.Ipam(Pool, socketPath: nodeHost.SocketPath));
            var check = await fixture.PluginAsync("CHECK", before, CniFixture.WithPrevResult((JsonObject)direct.DeepClone(), add.Json!));
            Assert.True(check.Code == 11, $"CHECK while the silo is down: {check.Describe()}\n{nodeHost.Tail()}");
            direct["cni.dev/valid-attachments"] = new JsonArray();
            var gc = await fixture.PluginAsync("GC", before, direct);
            Assert.True(gc.Code == 11, $"GC while the silo is down: {gc.Describe()}\n{nodeHost.Tail()}");

            silo.Start();

            // Until the client has reconnected, every answer must still be 11; ask our plugin directly (IPAM only) so
            // a failed attempt leaves no interface behind, then run the real path once it answers.
            var probe = await fixture.NewPodAsync("probe");
            var probeConfig = CniFixture.DirectConfig("1.0.0", "silo-net", fixture.Ipam(Pool, socketPath: nodeHost.SocketPath));
            var watch = Stopwatch.StartNew();
            CniOutcome attempt;
            while (!(attempt = await fixture.PluginAsync("ADD", probe, probeConfig)).Succeeded)
            {
                Assert.True(attempt.Code == 11, $"while the silo restarts: {attempt.Describe()}\n{nodeHost.Tail()}\n{silo.Tail()}");
                Assert.True(watch.Elapsed < Patience, $"no successful ADD within {Patience.TotalSeconds} s of the silo's restart\n{nodeHost.Tail()}\n{silo.Tail()}");
                await Task.Delay(1000);
            }

            Assert.True((await fixture.PluginAsync("DEL", probe, probeConfig)).Succeeded);
            after = await fixture.NextSandboxAsync(during);
            var back = await fixture.MacvlanAsync("ADD", after, config);

            Assert.True(back.Succeeded, fixture.Explain(back));
            var address = Assert.Single(back.Addresses);
            Assert.True(Pool.Contains(address) && address != held, $"after the restart {after.Name} got {address}; {before.Name} holds {held}");
            Assert.Equal(new[] { held }, (await nodeHost.Api.EndpointAsync(before)).Addresses);
        }
        finally
        {
            if (silo.IsRunning && nodeHost.IsRunning)
            {
                foreach (var pod in new[] { before, during, after })
                {
                    if (pod is not null)
                    {
                        await fixture.MacvlanAsync("DEL", pod, config);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A call in flight when its silo is killed: Orleans alone would answer it after its 30 s response timeout; NodeHost
    /// ends it when the gateway connection drops. CallTimeout is 90 s here, so only that can end it early.
    /// </summary>
    [PostgresFact]
    public async Task An_add_in_flight_when_its_silo_is_killed_answers_11_at_once_and_its_retry_succeeds()
    {
        using var silo = NewSilo();
        using var nodeHost = NewClient(silo, "inflight", callTimeout: "00:01:30");
        var config = CniFixture.DirectConfig("1.0.0", "silo-inflight-net", fixture.Ipam(Pool, socketPath: nodeHost.SocketPath));
        var warm = await fixture.NewPodAsync("warm");
        var pod = await fixture.NewPodAsync("inflight");
        await StartAsync(silo, nodeHost);
        try
        {
            var first = await fixture.PluginAsync("ADD", warm, config);
            Assert.True(first.Succeeded, $"{first.Describe()}\n{nodeHost.Tail()}\n{silo.Tail()}");

            CniOutcome inFlight;
            TimeSpan afterKill;
            await using (var rowLock = await PoolRowLock.TakeAsync(PostgresFactAttribute.ConnectionString, Pool.Name))
            {
                var add = fixture.PluginAsync("ADD", pod, config);
                await rowLock.WaitForBlockedWriterAsync(TimeSpan.FromSeconds(60));
                var watch = Stopwatch.StartNew();
                silo.Kill();
                inFlight = await add;
                afterKill = watch.Elapsed;
            }

            Assert.True(inFlight.Code == 11, $"{inFlight.Describe()}\n{nodeHost.Tail()}");
            Assert.True(afterKill < TimeSpan.FromSeconds(15), $"the in-flight ADD answered {afterKill.TotalSeconds:F1} s after the kill\n{nodeHost.Tail()}");

            silo.Start();
            await nodeHost.WaitReadyAsync(Patience);
            var retry = await fixture.PluginAsync("ADD", pod, config);
            Assert.True(retry.Succeeded, $"{retry.Describe()}\n{nodeHost.Tail()}\n{silo.Tail()}");
            Assert.NotEqual(first.Addresses, retry.Addresses);
        }
        finally
        {
            if (silo.IsRunning && nodeHost.IsRunning)
            {
                await fixture.PluginAsync("DEL", warm, config);
                await fixture.PluginAsync("DEL", pod, config);
            }
        }
    }

    [PostgresFact]
    public async Task Status_answers_50_while_the_silo_is_down_and_succeeds_again_once_it_is_back()
    {
        using var silo = NewSilo();
        using var nodeHost = NewClient(silo, "status");
        var pod = await fixture.NewPodAsync("status");
        var config = CniFixture.DirectConfig("1.1.0", "silo-status-net", fixture.Ipam(Pool, socketPath: nodeHost.SocketPath));
        await StartAsync(silo, nodeHost);

        silo.Kill();

        // An ADD fails first (so NodeHost has certainly seen the silo gone); then STATUS must say "not available".
        Assert.Equal(11, (await fixture.PluginAsync("ADD", pod, config)).Code);
        var watch = Stopwatch.StartNew();
        CniOutcome status;
        while ((status = await fixture.PluginAsync("STATUS", pod, config)).Succeeded && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
        }

        Assert.True(status.Code == 50, $"STATUS 30 s after the silo died, while ADD answers 11: {status.Describe()}\n{nodeHost.Tail()}");

        silo.Start();
        await nodeHost.WaitReadyAsync(Patience);
        var add = await fixture.PluginAsync("ADD", pod, config);
        Assert.True(add.Succeeded, fixture.Explain(add));
        Assert.True((await fixture.PluginAsync("DEL", pod, config)).Succeeded);
    }

    private SiloProcess NewSilo() =>
        new(Path.Combine(fixture.WorkDirectory, $"silo-{Guid.NewGuid():N}"[..14]), fixture.ManifestsDirectory, PostgresFactAttribute.ConnectionString,
            $"cni-silo-{Guid.NewGuid():N}"[..24]);

    private NodeHostProcess NewClient(SiloProcess silo, string name, string callTimeout = "00:00:10")
    {
        var settings = silo.ClientSettings();

        // Bounds how long NodeHost waits for a silo that is gone before it answers "try again later".
        settings["NodeHost__CallTimeout"] = callTimeout;
        return new NodeHostProcess(Path.Combine(fixture.WorkDirectory, name), fixture.PluginPath, $"{fixture.NodeName}-{name}", fixture.ManifestsDirectory, settings);
    }

    private static async Task StartAsync(SiloProcess silo, NodeHostProcess nodeHost)
    {
        silo.Start();
        nodeHost.Launch();
        try
        {
            await nodeHost.WaitReadyAsync(Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{silo.Tail()}", e);
        }
    }
}
