using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Debian's podman 4.3 (CNI network backend, runc) with our IPAM under Debian's macvlan, as a user without Kubernetes
/// runs it: no CNI_ARGS tricks. Containers run from a busybox root filesystem (<c>--rootfs</c>, no registry); podman
/// runs inside the test node's network namespace (nsenter, so /sys and the cgroup mounts stay the host's).
/// </summary>
[Collection(CniCollection.Name)]
public sealed class PodmanTests : IClassFixture<CniFixture>, IDisposable
{
    private const string Network = "pm-blue";
    private const string SecondNetwork = "pm-green";
    private readonly CniFixture fixture;
    private readonly string home;
    private readonly List<string> containers = [];

    public PodmanTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
        foreach (var tool in new[] { "/usr/bin/podman", "/usr/sbin/runc", "/bin/busybox" })
        {
            if (!File.Exists(tool) && !File.Exists(tool.Replace("/usr/sbin/", "/usr/bin/", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{tool} does not exist; get it with `apt-get install podman runc busybox-static`");
            }
        }

        home = Path.Combine(fixture.WorkDirectory, $"podman-{Guid.NewGuid():N}"[..15]);
        var rootfs = Path.Combine(home, "rootfs", "bin");
        Directory.CreateDirectory(rootfs);
        File.Copy("/bin/busybox", Path.Combine(rootfs, "busybox"));
        foreach (var applet in new[] { "sh", "sleep", "ip" })
        {
            File.CreateSymbolicLink(Path.Combine(rootfs, applet), "busybox");
        }

        var networks = Path.Combine(home, "cni");
        Directory.CreateDirectory(networks);
        File.WriteAllText(Path.Combine(networks, $"{Network}.conflist"), Conflist(Network).ToJsonString());
        File.WriteAllText(Path.Combine(networks, $"{SecondNetwork}.conflist"), Conflist(SecondNetwork).ToJsonString());
        File.WriteAllText(Path.Combine(home, "containers.conf"), $"""
            [network]
            network_backend = "cni"
            cni_plugin_dirs = ["{fixture.NodeHost.BinDirectory}", "/usr/lib/cni"]
            network_config_dir = "{networks}"
            [engine]
            runtime = "runc"
            """);
    }

    [Fact]
    public async Task Run_gives_each_container_its_own_address_and_rm_releases_it()
    {
        var first = await RunAsync("pm-a");
        var second = await RunAsync("pm-b");

        Assert.NotEqual(first.Address, second.Address);
        Assert.True(TestPools.Podman.Contains(first.Address) && TestPools.Podman.Contains(second.Address));
        Assert.Equal([first.Address], await RecordedAsync(first.Id));

        await PodmanAsync("rm", "-f", "pm-a");

        Assert.Empty(await RecordedAsync(first.Id));
        var third = await RunAsync("pm-c");
        Assert.Equal(first.Address, third.Address);
    }

    [Fact]
    public async Task Ip_option_gets_exactly_that_address_and_a_taken_one_is_refused_with_the_reason()
    {
        var pinned = await RunAsync("pm-ip", "--ip", "10.81.0.42");
        Assert.Equal("10.81.0.42/24", pinned.Address);

        var refused = await PodmanRawAsync(RunArguments("pm-ip2", "--ip", "10.81.0.42"));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("cannot give 10.81.0.42: it is held by standalone/", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_keeps_one_address_and_leaks_nothing()
    {
        var started = await RunAsync("pm-restart");

        await PodmanAsync("restart", "-t", "0", "pm-restart");

        var after = await AddressOfAsync("pm-restart");
        Assert.Equal([after], await RecordedAsync(started.Id));
        await PodmanAsync("rm", "-f", "pm-restart");
        Assert.Empty(await RecordedAsync(started.Id));
    }

    [Fact]
    public async Task Rm_while_NodeHost_is_down_is_released_once_it_is_back()
    {
        var gone = await RunAsync("pm-gone");
        fixture.NodeHost.Kill();
        try
        {
            // podman says nothing is wrong: the plugin recorded the DEL in the journal.
            await PodmanAsync("rm", "-f", "pm-gone");
        }
        finally
        {
            await fixture.NodeHost.StartAsync();
        }

        Assert.Empty(await RecordedAsync(gone.Id));
        var next = await RunAsync("pm-next");
        Assert.Equal(gone.Address, next.Address);
    }

    [Fact]
    public async Task After_NodeHost_is_killed_with_containers_running_no_address_is_handed_out_twice()
    {
        var running = await RunAsync("pm-running");
        fixture.NodeHost.Kill();
        await fixture.NodeHost.StartAsync();

        var next = await RunAsync("pm-after-kill");

        Assert.NotEqual(running.Address, next.Address);
        Assert.Equal([running.Address], await RecordedAsync(running.Id));
    }

    [Fact]
    public async Task Network_connect_adds_an_interface_and_disconnect_releases_only_it()
    {
        var container = await RunAsync("pm-connect");

        await PodmanAsync("network", "connect", SecondNetwork, "pm-connect");
        var second = (await fixture.Api.StandaloneEndpointAsync(new TestPod("", "", "", container.Id, "", "eth1"))).Addresses;
        Assert.Single(second);
        Assert.NotEqual(container.Address, second[0]);

        await PodmanAsync("network", "disconnect", SecondNetwork, "pm-connect");

        Assert.Empty((await fixture.Api.StandaloneEndpointAsync(new TestPod("", "", "", container.Id, "", "eth1"))).Addresses);
        Assert.Equal([container.Address], await RecordedAsync(container.Id));
        Assert.Equal(container.Address, await AddressOfAsync("pm-connect"));
    }

    public void Dispose()
    {
        foreach (var name in containers)
        {
            PodmanRawAsync(["rm", "-f", "-t", "0", name]).GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
            // podman's storage may still be unmounting; the fixture's work directory goes with the fixture.
        }
    }

    private async Task<(string Id, string Address)> RunAsync(string name, params string[] options)
    {
        var id = (await PodmanAsync(RunArguments(name, options))).Trim();
        return (id, await AddressOfAsync(name));
    }

    private string[] RunArguments(string name, params string[] options)
    {
        containers.Add(name);
        return
        [
            "run", "-d", "--name", name, "--network", Network,
            // This sandbox may not raise limits (no CAP_SYS_RESOURCE): ask for what it has.
            "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            .. options,
            "--rootfs", Path.Combine(home, "rootfs"), "/bin/sleep", "1000",
        ];
    }

    /// <summary>The container's IPv4 CIDR on eth0, as it sees it.</summary>
    private async Task<string> AddressOfAsync(string name)
    {
        var output = await PodmanAsync("exec", name, "/bin/ip", "-4", "-o", "addr", "show", "eth0");
        var words = output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, "inet") + 1];
    }

    /// <summary>What NodeHost records for the container's eth0 (standalone identity: container id and interface).</summary>
    private async Task<IReadOnlyList<string>> RecordedAsync(string containerId) =>
        (await fixture.Api.StandaloneEndpointAsync(new TestPod("", "", "", containerId, "", "eth0"))).Addresses;

    private async Task<string> PodmanAsync(params string[] arguments)
    {
        var outcome = await PodmanRawAsync(arguments);
        Assert.True(outcome.ExitCode == 0, $"podman {string.Join(' ', arguments)}: {outcome.Describe()}\n{fixture.NodeHost.Tail(20)}");
        return outcome.Stdout;
    }

    private Task<ProcessOutcome> PodmanRawAsync(IEnumerable<string> arguments) => ChildProcess.RunAsync(
        "nsenter",
        [$"--net={NetworkNamespaces.PathOf(fixture.Node.Name)}", "podman", "--root", Path.Combine(home, "storage"), "--runroot", Path.Combine(home, "run"), .. arguments],
        new Dictionary<string, string?> { ["CONTAINERS_CONF"] = Path.Combine(home, "containers.conf") },
        timeout: TimeSpan.FromSeconds(120));

    private JsonObject Conflist(string network) => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = network,
        ["plugins"] = new JsonArray(new JsonObject
        {
            ["type"] = "macvlan",
            ["master"] = CniNode.Parent,
            ["mode"] = "bridge",
            ["capabilities"] = new JsonObject { ["ips"] = true },
            ["ipam"] = fixture.Ipam(TestPools.Podman),
        }),
    };
}
