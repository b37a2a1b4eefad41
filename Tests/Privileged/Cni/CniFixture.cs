using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// One node for a test class: a node namespace with <c>parent0</c>, and an embedded NodeHost (its own silo, loading
/// <see cref="TestPools"/>, its state in a SQLite file of the fixture's) serving a socket in a temporary directory. Tests make pods with unique
/// names and run Debian's macvlan (chained with our IPAM) or our plugin directly. Everything is removed at the end.
/// Without root nothing is set up and each test fails in its constructor through <see cref="RequireRoot"/>.
/// </summary>
public class CniFixture : IAsyncLifetime, IDisposable
{
    private readonly string tag = $"spc{Guid.NewGuid():N}"[..9];
    private int pods;
    private CniNode? node;
    private NodeHostProcess? nodeHost;

    public string WorkDirectory { get; private set; } = "";

    /// <summary>The folder of SpiderIPPool YAML (<see cref="TestPools"/>) NodeHosts and silos of this fixture load.</summary>
    public string ManifestsDirectory { get; private set; } = "";

    /// <summary>The node name NodeHosts of this fixture register with.</summary>
    public string NodeName => $"{tag}-node";

    public string PluginPath { get; private set; } = "";

    public CniNode Node => node ?? throw NotSetUp();

    public NodeHostProcess NodeHost => nodeHost ?? throw NotSetUp();

    public NodeHostApi Api => NodeHost.Api;

    /// <summary>The plugin's own log (every invocation appends to it).</summary>
    public string PluginLog => Path.Combine(WorkDirectory, "plugin.log");

    /// <summary>CNI_PATH: where NodeHost installed the plugin (without a NodeHost: where it was published), then Debian's plugins.</summary>
    public string CniPath => $"{nodeHost?.BinDirectory ?? Path.GetDirectoryName(PluginPath)}:/usr/lib/cni";

    /// <summary>False for classes that start NodeHosts (and silos) of their own.</summary>
    protected virtual bool StartsNodeHost => true;

    public async Task InitializeAsync()
    {
        if (!RootRequirement.IsRoot)
        {
            return;
        }

        // Short: the socket path must stay under 107 bytes.
        WorkDirectory = Path.Combine(Path.GetTempPath(), tag);
        Directory.CreateDirectory(WorkDirectory);
        PluginPath = await PluginBinary.GetAsync();
        var manifests = TestPools.WriteManifests(Path.Combine(WorkDirectory, "manifests"));
        ManifestsDirectory = manifests;
        node = await CniNode.CreateAsync(tag);
        if (StartsNodeHost)
        {
            nodeHost = new NodeHostProcess(Path.Combine(WorkDirectory, "nodehost"), PluginPath, NodeName, manifests);
            await nodeHost.StartAsync();
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        nodeHost?.Dispose();
        nodeHost = null;
        node?.Dispose();
        node = null;
        if (WorkDirectory.Length > 0 && Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    /// <summary>Call first in every test class constructor: fails the test with a clear message when not root.</summary>
    public void RequireRoot()
    {
        RootRequirement.Check();
        _ = Node;
    }

    /// <summary>A new pod with its own sandbox namespace; <paramref name="label"/> makes its name readable in logs.</summary>
    public async Task<TestPod> NewPodAsync(string label)
    {
        var n = Interlocked.Increment(ref pods);
        var netns = await Node.AddPodNamespaceAsync($"{label}{n}");
        return new TestPod(TestPod.PodNamespace, $"{label}-{n}", $"uid-{label}-{n}-{Guid.NewGuid():N}"[..36], $"ctr{Guid.NewGuid():N}"[..15], netns);
    }

    /// <summary>The same pod again in a new sandbox (new container id and namespace), as kubelet retries a failed ADD.</summary>
    public async Task<TestPod> NextSandboxAsync(TestPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var n = Interlocked.Increment(ref pods);
        var netns = await Node.AddPodNamespaceAsync($"retry{n}");
        return pod with { ContainerId = $"ctr{Guid.NewGuid():N}"[..15], Netns = netns };
    }

    /// <summary>
    /// The <c>ipam</c> object of our plugin for these pools, pointing at this fixture's NodeHost (or at
    /// <paramref name="socketPath"/>) and log file; <paramref name="extra"/> adds or overrides fields.
    /// </summary>
    public JsonObject Ipam(TestPool? v4 = null, TestPool? v6 = null, JsonObject? extra = null, string? socketPath = null)
    {
        var ipam = new JsonObject
        {
            ["type"] = "spiderpool",
            ["ipam_unix_socket_path"] = socketPath ?? NodeHost.SocketPath,
            ["del_journal_dir"] = nodeHost?.JournalDirectory ?? Path.Combine(WorkDirectory, "del-journal"),
            ["log_file_path"] = PluginLog,
            ["log_level"] = "DEBUG",
        };
        if (v4 is not null)
        {
            ipam["default_ipv4_ippool"] = new JsonArray(v4.Name);
        }

        if (v6 is not null)
        {
            ipam["default_ipv6_ippool"] = new JsonArray(v6.Name);
        }

        foreach (var (key, value) in extra ?? [])
        {
            ipam[key] = value?.DeepClone();
        }

        return ipam;
    }

    /// <summary>Debian's macvlan on <c>parent0</c> in bridge mode, with our IPAM (Deploy/demo.sh's <c>conf</c>).</summary>
    public static JsonObject MacvlanConfig(string cniVersion, string network, JsonObject ipam) => new()
    {
        ["cniVersion"] = cniVersion,
        ["name"] = network,
        ["type"] = "macvlan",
        ["master"] = CniNode.Parent,
        ["mode"] = "bridge",
        ["ipam"] = ipam,
    };

    /// <summary>A config for our plugin called directly (1.1.0 verbs Debian's plugins do not speak, IPAM-only calls).</summary>
    public static JsonObject DirectConfig(string cniVersion, string network, JsonObject ipam) => new()
    {
        ["cniVersion"] = cniVersion,
        ["name"] = network,
        ["type"] = "spiderpool",
        ["ipam"] = ipam,
    };

    /// <summary>The config CHECK gets: the network config with the ADD result as <c>prevResult</c>, as libcni builds it.</summary>
    public static JsonObject WithPrevResult(JsonObject config, JsonObject result)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(result);
        config["prevResult"] = result.DeepClone();
        return config;
    }

    /// <summary>Runs Debian's macvlan in the node namespace as the runtime would; <paramref name="change"/> edits the environment.</summary>
    public async Task<CniOutcome> MacvlanAsync(string command, TestPod pod, JsonObject config, Action<Dictionary<string, string?>>? change = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(config);
        var environment = pod.Environment(command, CniPath);
        change?.Invoke(environment);
        var outcome = await ChildProcess.RunAsync("ip", ["netns", "exec", Node.Name, RepositoryPaths.DebianPlugin("macvlan")],
            environment, ChildProcess.Utf8(config.ToJsonString()));
        return new CniOutcome(outcome, $"macvlan {command} of {pod.Name} ({pod.ContainerId}) at cniVersion {config["cniVersion"]}");
    }

    /// <summary>Runs our plugin directly with this pod's environment (edited by <paramref name="change"/>) and raw stdin.</summary>
    public async Task<CniOutcome> PluginAsync(string command, TestPod pod, byte[] stdin, Action<Dictionary<string, string?>>? change = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var environment = pod.Environment(command, CniPath);
        change?.Invoke(environment);
        var outcome = await ChildProcess.RunAsync(PluginPath, [], environment, stdin);
        return new CniOutcome(outcome, $"spiderpool {command} of {pod.Name} ({pod.ContainerId})");
    }

    public Task<CniOutcome> PluginAsync(string command, TestPod pod, JsonObject config, Action<Dictionary<string, string?>>? change = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PluginAsync(command, pod, ChildProcess.Utf8(config.ToJsonString()), change);
    }

    /// <summary>For assertion messages: the outcome, NodeHost's log and the plugin's log.</summary>
    public string Explain(CniOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var pluginLog = File.Exists(PluginLog) ? string.Join('\n', File.ReadLines(PluginLog).TakeLast(10)) : "(no plugin log)";
        return $"{outcome.Describe()}\n{nodeHost?.Tail(20)}\nplugin log, last lines:\n{pluginLog}";
    }

    private static InvalidOperationException NotSetUp() =>
        new(RootRequirement.IsRoot ? "the CNI fixture was not set up (see the class fixture's error)" : "not root");
}
