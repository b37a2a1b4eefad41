using System.Text;
using System.Text.Json.Nodes;
using Spiderpool.Cni.Plugin;

namespace Spiderpool.Tests.Unit.Cni;

/// <summary>
/// Per-test setup: a temp directory with a fake NodeHost on a socket and a log file, a network config that points at
/// both, and the plugin run in-process with an environment and stdin.
/// </summary>
internal sealed class CniHarness : IAsyncDisposable
{
    public const string ContainerId = "c0ffee01";
    public const string NetNs = "/var/run/netns/cni-1234";
    public const string PodArgs = "IgnoreUnknown=1;K8S_POD_NAMESPACE=demo;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=c0ffee01;K8S_POD_UID=uid-1";

    /// <summary>Generous, so a loaded 2-core machine never turns an answer into a timeout.</summary>
    public static readonly PluginOptions FastOptions = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(30),
        StatusTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>For the "does not answer" tests only.</summary>
    public static readonly PluginOptions ImpatientOptions = FastOptions with { RequestTimeout = TimeSpan.FromMilliseconds(500) };

    private CniHarness(string directory)
    {
        Directory = directory;
        LogPath = Path.Combine(directory, "log", "spiderpool.log");
        NodeHost = FakeNodeHost.Start(Path.Combine(directory, "nh.sock"));
    }

    public string Directory { get; }

    public string LogPath { get; }

    /// <summary>The plugin's DEL journal for this harness (<c>ipam.del_journal_dir</c>).</summary>
    public string JournalDirectory => Path.Combine(Directory, "del-journal");

    public FakeNodeHost NodeHost { get; }

    public string SocketPath => NodeHost.SocketPath;

    public static CniHarness Create()
    {
        // Unix socket paths are limited to 107 bytes: keep the directory short.
        var directory = Path.Combine(Path.GetTempPath(), "cni-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        return new CniHarness(directory);
    }

    public static Dictionary<string, string> Env(string command, string ifName = "eth0", string args = PodArgs) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = ContainerId,
        ["CNI_NETNS"] = NetNs,
        ["CNI_IFNAME"] = ifName,
        ["CNI_ARGS"] = args,
        ["CNI_PATH"] = "/opt/cni/bin",
    };

    /// <summary>A macvlan network config delegating to this plugin, pointed at this harness's socket and log.</summary>
    public JsonObject Config(string cniVersion = "1.1.0") => new()
    {
        ["cniVersion"] = cniVersion,
        ["name"] = "macvlan-underlay",
        ["type"] = "macvlan",
        ["master"] = "ens192",
        ["ipam"] = new JsonObject
        {
            ["type"] = "spiderpool",
            ["log_level"] = "DEBUG",
            ["log_file_path"] = LogPath,
            ["ipam_unix_socket_path"] = SocketPath,
            ["del_journal_dir"] = JournalDirectory,
        },
    };

    public static async Task<PluginOutcome> RunAsync(IReadOnlyDictionary<string, string> env, string stdin, PluginOptions? options = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        // On a pool thread: the dispatcher blocks on the socket while FakeNodeHost answers from this process.
        var exitCode = await Task.Run(() => CniDispatcher.Run(env, input, stdout, stderr, options ?? FastOptions));
        return new PluginOutcome(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    public static Task<PluginOutcome> RunAsync(string command, JsonNode config, string ifName = "eth0", string args = PodArgs) =>
        RunAsync(Env(command, ifName, args), config.ToJsonString());

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync()
    {
        await NodeHost.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
