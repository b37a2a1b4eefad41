using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// NodeHost missing, crashed or cut off from the cluster: ADD must fail with 11 ("try again later", the runtime
/// retries) without hanging the sandbox, and work again once NodeHost is back; a DEL is recorded in the DEL journal,
/// answered success (podman never retries one), and released once NodeHost is back. The time bounds are generous limits
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
    public async Task Add_answers_11_within_seconds_when_the_socket_does_not_exist_and_del_is_journalled()
    {
        var socket = Path.Combine(fixture.WorkDirectory, "absent.sock");
        var journal = Path.Combine(fixture.WorkDirectory, "absent-journal");
        var config = CniFixture.MacvlanConfig("1.0.0", "outage-net", fixture.Ipam(Pool, socketPath: socket, extra: new() { ["del_journal_dir"] = journal }));
        var pod = await fixture.NewPodAsync("nosock");

        var add = await fixture.MacvlanAsync("ADD", pod, config);
        var del = await fixture.MacvlanAsync("DEL", pod, config);

        Assert.Equal(11, add.Code);
        Assert.Contains(socket, add.Message, StringComparison.Ordinal);
        Assert.True(add.Elapsed < Quickly, $"took {add.Elapsed.TotalSeconds:F1} s: {fixture.Explain(add)}");
        Assert.True(del.Succeeded, fixture.Explain(del));
        Assert.True(del.Elapsed < Quickly, $"took {del.Elapsed.TotalSeconds:F1} s: {fixture.Explain(del)}");
        Assert.True(File.Exists(Spiderpool.Cni.Contract.DelJournal.EntryPath(journal, pod.ContainerId, pod.IfName)));
    }

    [Fact]
    public async Task A_del_while_NodeHost_is_down_is_journalled_and_released_when_it_is_back_so_the_address_comes_back()
    {
        var config = CniFixture.MacvlanConfig("1.0.0", "outage-net", fixture.Ipam(Pool));
        var gone = await fixture.NewPodAsync("gone");
        var next = await fixture.NewPodAsync("next");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", gone, config);
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);

            fixture.NodeHost.Kill();
            var del = await fixture.MacvlanAsync("DEL", gone, config);
            Assert.True(del.Succeeded, fixture.Explain(del));
            var entry = Spiderpool.Cni.Contract.DelJournal.EntryPath(fixture.NodeHost.JournalDirectory, gone.ContainerId, gone.IfName);
            Assert.True(File.Exists(entry), fixture.Explain(del));

            await fixture.NodeHost.StartAsync();
            var nextAdd = await fixture.MacvlanAsync("ADD", next, config);

            Assert.True(nextAdd.Succeeded, fixture.Explain(nextAdd));
            Assert.False(File.Exists(entry), fixture.NodeHost.Tail(20));
            Assert.Contains($"Released the recorded DEL of container {gone.ContainerId} interface {gone.IfName}", fixture.NodeHost.Tail(200), StringComparison.Ordinal);
            Assert.Equal(404, (await fixture.Api.EndpointAsync(gone)).Status);
            Assert.Equal(address, Assert.Single(nextAdd.Addresses));
        }
        finally
        {
            if (!fixture.NodeHost.IsRunning)
            {
                await fixture.NodeHost.StartAsync();
            }

            await fixture.MacvlanAsync("DEL", gone, config);
            await fixture.MacvlanAsync("DEL", next, config);
        }
    }

    [Fact]
    public async Task An_add_of_a_container_whose_del_is_journalled_runs_after_that_del()
    {
        // podman restart: DEL then ADD with the same container id. The DEL's entry (written by a plugin that could not
        // connect while NodeHost was starting) must be released before the ADD, never after it.
        var config = CniFixture.DirectConfig("1.0.0", "outage-net", fixture.Ipam(Pool));
        var pod = await fixture.NewPodAsync("restarted");
        var other = await fixture.NewPodAsync("other");
        try
        {
            var first = await fixture.PluginAsync("ADD", pod, config);
            Assert.True(first.Succeeded, fixture.Explain(first));
            var args = new Spiderpool.Cni.Contract.IpamDelArgs
            {
                ContainerId = pod.ContainerId,
                IfName = pod.IfName,
                PodNamespace = pod.Namespace,
                PodName = pod.Name,
                PodUid = pod.Uid,
                NetName = "outage-net",
            };
            Spiderpool.Cni.Contract.DelJournal.Write(fixture.NodeHost.JournalDirectory, pod.ContainerId, pod.IfName,
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(args, Spiderpool.Cni.Contract.CniContractJsonContext.Default.IpamDelArgs));

            var again = await fixture.PluginAsync("ADD", pod, config);
            Assert.True(again.Succeeded, fixture.Explain(again));

            // Several rescans later the pod still holds what the ADD answered, and nobody else is given it.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(again.Addresses, (await fixture.Api.EndpointAsync(pod)).Addresses);
            var otherAdd = await fixture.PluginAsync("ADD", other, config);
            Assert.True(otherAdd.Succeeded, fixture.Explain(otherAdd));
            Assert.NotEqual(Assert.Single(again.Addresses), Assert.Single(otherAdd.Addresses));
        }
        finally
        {
            await fixture.PluginAsync("DEL", pod, config);
            await fixture.PluginAsync("DEL", other, config);
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
            Assert.True(delDown.Succeeded, fixture.Explain(delDown));

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
    public async Task Add_answers_11_status_50_and_del_is_journalled_while_NodeHost_in_client_mode_has_no_silo_to_reach()
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

        // NodeHost itself records a DEL the cluster cannot take, and answers success.
        var del = await fixture.PluginAsync("DEL", pod, config);
        Assert.True(del.Succeeded, $"{del.Describe()}\n{client.Tail()}");
        Assert.True(File.Exists(Spiderpool.Cni.Contract.DelJournal.EntryPath(client.JournalDirectory, pod.ContainerId, pod.IfName)), client.Tail());
    }
}
