using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// NodeHost missing, crashed or cut off from the cluster: ADD must fail with 11 ("try again later", the runtime
/// retries) without hanging the sandbox, and work again once NodeHost is back. The time bounds are generous limits
/// against hanging until the plugin's 100 s request timeout, not performance assertions.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class NodeHostOutageTests : IClassFixture<CniFixture>
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);
    private readonly CniFixture fixture;

    public NodeHostOutageTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    private static TestPool Pool => TestPools.Outage;

    [Fact]
    public async Task Add_and_del_answer_11_within_seconds_when_the_socket_does_not_exist()
    {
        var socket = Path.Combine(fixture.WorkDirectory, "absent.sock");
        var config = CniFixture.MacvlanConfig("1.0.0", "outage-net", fixture.Ipam(Pool, socketPath: socket));
        var pod = await fixture.NewPodAsync("nosock");

        var add = await fixture.MacvlanAsync("ADD", pod, config);
        var del = await fixture.MacvlanAsync("DEL", pod, config);

        foreach (var outcome in new[] { add, del })
        {
            Assert.Equal(11, outcome.Code);
            Assert.Contains(socket, outcome.Message, StringComparison.Ordinal);
            Assert.True(outcome.Elapsed < Quickly, $"took {outcome.Elapsed.TotalSeconds:F1} s: {fixture.Explain(outcome)}");
        }
    }

    [Fact]
    public async Task Add_answers_11_within_seconds_after_NodeHost_was_killed_and_works_again_after_a_restart()
    {
        var config = CniFixture.MacvlanConfig("1.0.0", "outage-net", fixture.Ipam(Pool));
        var before = await fixture.NewPodAsync("before");
        var during = await fixture.NewPodAsync("during");
        var after = await fixture.NewPodAsync("after");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", before, config);
            Assert.True(add.Succeeded, fixture.Explain(add));

            fixture.NodeHost.Kill();
            Assert.True(File.Exists(fixture.NodeHost.SocketPath), "a crashed NodeHost leaves its socket file; this test is about that case");

            var down = await fixture.MacvlanAsync("ADD", during, config);
            Assert.Equal(11, down.Code);
            Assert.True(down.Elapsed < Quickly, $"took {down.Elapsed.TotalSeconds:F1} s: {fixture.Explain(down)}");
            var delDown = await fixture.MacvlanAsync("DEL", before, config);
            Assert.Equal(11, delDown.Code);

            await fixture.NodeHost.StartAsync();
            var back = await fixture.MacvlanAsync("ADD", after, config);

            Assert.True(back.Succeeded, fixture.Explain(back));
            Assert.True(Pool.Contains(Assert.Single(back.Addresses)));
            Assert.Equal(back.Addresses, (await fixture.Api.EndpointAsync(after)).Addresses);
        }
        finally
        {
            if (!fixture.NodeHost.IsRunning)
            {
                await fixture.NodeHost.StartAsync();
            }

            foreach (var pod in new[] { before, during, after })
            {
                await fixture.MacvlanAsync("DEL", pod, config);
            }
        }
    }

    [Fact]
    public async Task After_a_kill_the_embedded_NodeHost_keeps_the_addresses_it_answered_and_never_hands_them_out_again()
    {
        // The embedded default is durable: an answered ADD is in the SQLite file before the plugin prints its result.
        var config = CniFixture.MacvlanConfig("1.0.0", "crash-net", fixture.Ipam(Pool));
        var direct = CniFixture.DirectConfig("1.0.0", "crash-net", fixture.Ipam(Pool));
        var held = await fixture.NewPodAsync("held");
        var next = await fixture.NewPodAsync("next");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", held, config);
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);

            fixture.NodeHost.Kill();
            await fixture.NodeHost.StartAsync();
            var nextAdd = await fixture.MacvlanAsync("ADD", next, config);
            // The same pod, container and interface again (IPAM only: its macvlan interface exists already).
            var repeated = await fixture.PluginAsync("ADD", held, direct);

            Assert.True(nextAdd.Succeeded, fixture.Explain(nextAdd));
            Assert.NotEqual(address, Assert.Single(nextAdd.Addresses));
            Assert.True(repeated.Succeeded, fixture.Explain(repeated));
            Assert.Equal([address], repeated.Addresses);
            Assert.True(File.Exists(Path.Combine(fixture.NodeHost.DataDirectory, "spiderpool.db")));
        }
        finally
        {
            if (!fixture.NodeHost.IsRunning)
            {
                await fixture.NodeHost.StartAsync();
            }

            foreach (var pod in new[] { held, next })
            {
                await fixture.MacvlanAsync("DEL", pod, config);
            }
        }
    }

    [Fact]
    public async Task Add_answers_11_and_status_50_while_NodeHost_in_client_mode_has_no_silo_to_reach()
    {
        var settings = new Dictionary<string, string>
        {
            // Nothing listens there: the gateway of a silo that is not running.
            ["NodeHost__Gateways__0"] = $"127.0.0.1:{DaemonProcess.FreePort()}",
            ["NodeHost__ClusterId"] = $"nosilo-{Guid.NewGuid():N}",
            ["NodeHost__ServiceId"] = $"nosilo-{Guid.NewGuid():N}",
        };
        using var client = new NodeHostProcess(Path.Combine(fixture.WorkDirectory, "client"), fixture.PluginPath, $"{fixture.NodeName}-client", fixture.ManifestsDirectory, settings);
        client.Launch();
        await client.WaitServingAsync(TimeSpan.FromSeconds(120));
        var pod = await fixture.NewPodAsync("nosilo");
        var config = CniFixture.DirectConfig("1.1.0", "outage-net", fixture.Ipam(Pool, socketPath: client.SocketPath));

        var status = await fixture.PluginAsync("STATUS", pod, config);
        var add = await fixture.PluginAsync("ADD", pod, config);

        Assert.Equal(50, status.Code);
        Assert.Equal(11, add.Code);
        Assert.True(add.Elapsed < Quickly, $"took {add.Elapsed.TotalSeconds:F1} s: {add.Describe()}\n{client.Tail()}");
    }
}
