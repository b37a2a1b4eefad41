using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Debian's containerd 1.6 with <c>ctr run --cni</c>, which sends an empty CNI_ARGS and reads its networks from
/// /etc/cni/net.d and its plugins from /opt/cni/bin (no flags). The test runs containerd and ctr in a private mount
/// namespace with the test's directories bound over those two, inside the test node's network namespace, so nothing
/// of the host's CNI setup is read or changed.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class ContainerdTests : IClassFixture<CniFixture>
{
    private readonly CniFixture fixture;

    public ContainerdTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
        foreach (var tool in new[] { "/usr/bin/containerd", "/usr/bin/ctr", "/bin/busybox" })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} does not exist; get it with `apt-get install containerd busybox-static`");
            }
        }
    }

    [Fact]
    public async Task Ctr_run_with_cni_gets_an_address_from_the_pool_and_its_teardown_releases_it()
    {
        var home = Path.Combine(fixture.WorkDirectory, $"ctr-{Guid.NewGuid():N}"[..12]);
        var first = $"ctr-a-{Guid.NewGuid():N}"[..20];
        var second = $"ctr-b-{Guid.NewGuid():N}"[..20];
        try
        {
            var outcome = await RunScriptAsync(home, first, second);

            Assert.True(outcome.ExitCode == 0, $"{outcome.Describe()}\n{fixture.NodeHost.Tail(20)}");
            var addresses = outcome.Stdout.Split('\n').Where(l => l.Contains("inet 10.82.", StringComparison.Ordinal)).Select(AddressAfterInet).ToList();
            Assert.Equal(2, addresses.Count);
            Assert.True(TestPools.Containerd.Contains(addresses[0]), outcome.Stdout);
            // The first container's teardown released its address: lowest-free hands it to the second.
            Assert.Equal(addresses[0], addresses[1]);
            foreach (var id in new[] { first, second })
            {
                Assert.Equal(404, (await fixture.Api.StandaloneEndpointAsync(new TestPod("", "", "", id, "", "eth0"))).Status);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
                // containerd's snapshots may still be unmounting; the fixture's work directory goes with the fixture.
            }
        }
    }

    private static string AddressAfterInet(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, "inet") + 1];
    }

    private async Task<ProcessOutcome> RunScriptAsync(string home, params string[] ids)
    {
        var networks = Path.Combine(home, "net.d");
        var plugins = Path.Combine(home, "bin");
        var rootfs = Path.Combine(home, "rootfs", "bin");
        foreach (var directory in new[] { networks, plugins, rootfs })
        {
            Directory.CreateDirectory(directory);
        }

        File.Copy("/bin/busybox", Path.Combine(rootfs, "busybox"));
        File.CreateSymbolicLink(Path.Combine(rootfs, "ip"), "busybox");
        File.Copy(RepositoryPaths.DebianPlugin("macvlan"), Path.Combine(plugins, "macvlan"));
        File.Copy(fixture.PluginPath, Path.Combine(plugins, "spiderpool"));
        var conflist = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "ctr-net",
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["type"] = "macvlan",
                ["master"] = CniNode.Parent,
                ["mode"] = "bridge",
                ["ipam"] = fixture.Ipam(TestPools.Containerd),
            }),
        };
        File.WriteAllText(Path.Combine(networks, "10-ctr-net.conflist"), conflist.ToJsonString());

        var socket = Path.Combine(home, "containerd.sock");
        var runs = string.Join('\n', ids.Select(id => $"ctr -a {socket} run --rm --cni --rootfs {Path.Combine(home, "rootfs")} {id} /bin/ip -4 -o addr show eth0"));
        var script = $"""
            set -e
            mkdir -p /etc/cni/net.d /opt/cni/bin
            mount --bind {networks} /etc/cni/net.d
            mount --bind {plugins} /opt/cni/bin
            containerd --root {home}/root --state {home}/state --address {socket} > {home}/containerd.log 2>&1 &
            pid=$!
            trap 'kill $pid; wait $pid || true' EXIT
            for i in $(seq 1 100); do [ -S {socket} ] && break; sleep 0.1; done
            {runs}
            """;
        return await ChildProcess.RunAsync(
            "nsenter",
            [$"--net={NetworkNamespaces.PathOf(fixture.Node.Name)}", "unshare", "--mount", "--propagation", "private", "bash", "-c", script],
            timeout: TimeSpan.FromSeconds(120));
    }
}
