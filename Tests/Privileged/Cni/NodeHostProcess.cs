using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// NodeHost as a child process: <c>dotnet Spiderpool.NodeHost.dll [--embedded]</c> serving a unix socket in a work
/// directory, installing the plugin into its CNI bin directory. Embedded, it hosts a silo that loads
/// <see cref="TestPools"/> and keeps its state in <see cref="DataDirectory"/> (the production default, SQLite), so
/// a restart finds what was allocated before; in client mode it connects to the gateways given in
/// <c>clientSettings</c>. It can be killed and started again (the outage and crash tests).
/// </summary>
public sealed class NodeHostProcess : IDisposable
{
    private readonly string workDirectory;
    private readonly string pluginPath;
    private readonly string nodeName;
    private readonly string manifestsDirectory;
    private readonly IReadOnlyDictionary<string, string>? clientSettings;
    private readonly DaemonProcess daemon;

    /// <param name="clientSettings">Null: embedded. Otherwise client mode, with these extra settings (gateways, timeouts).</param>
    public NodeHostProcess(string workDirectory, string pluginPath, string nodeName, string manifestsDirectory, IReadOnlyDictionary<string, string>? clientSettings = null)
    {
        this.workDirectory = workDirectory;
        this.pluginPath = pluginPath;
        this.nodeName = nodeName;
        this.manifestsDirectory = manifestsDirectory;
        this.clientSettings = clientSettings;
        Directory.CreateDirectory(workDirectory);
        SocketPath = Path.Combine(workDirectory, "spiderpool.sock");
        BinDirectory = Path.Combine(workDirectory, "bin");
        JournalDirectory = Path.Combine(workDirectory, "del-journal");
        DataDirectory = Path.Combine(workDirectory, "data");
        daemon = new DaemonProcess($"NodeHost {nodeName}", RepositoryPaths.NodeHostDll,
            clientSettings is null ? ["--embedded"] : [], Path.Combine(workDirectory, "nodehost.log"));
        Api = new NodeHostApi(SocketPath);
    }

    public string SocketPath { get; }

    /// <summary>Where NodeHost installs the plugin; first on CNI_PATH so macvlan finds <c>spiderpool</c> there.</summary>
    public string BinDirectory { get; }

    /// <summary>This NodeHost's DEL journal (the plugin's <c>ipam.del_journal_dir</c> must name it too).</summary>
    public string JournalDirectory { get; }

    /// <summary>Where the embedded silo keeps its SQLite file (inside the work directory, removed with it).</summary>
    public string DataDirectory { get; }

    public NodeHostApi Api { get; }

    public bool IsRunning => daemon.IsRunning;

    /// <summary>Starts it and waits until the plugin's STATUS says it can serve ADD.</summary>
    public async Task StartAsync()
    {
        Launch();
        await WaitReadyAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>Starts it without waiting (client mode with no silo never becomes ready).</summary>
    public void Launch()
    {
        var environment = new Dictionary<string, string>
        {
            ["NodeHost__SocketPath"] = SocketPath,
            ["NodeHost__CniBinDir"] = BinDirectory,
            ["NodeHost__PluginSource"] = pluginPath,
            ["NodeHost__NodeName"] = nodeName,
            ["Spiderpool__ManifestsDirectory"] = manifestsDirectory,
            ["NodeHost__DelJournalDirectory"] = JournalDirectory,
            ["NodeHost__DelJournalRescanInterval"] = "00:00:01",
            ["Spiderpool__DataDirectory"] = DataDirectory,

            // Fresh ports at every start: a restarted embedded silo must not wait for the old one's ports.
            ["Spiderpool__SiloPort"] = DaemonProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Spiderpool__GatewayPort"] = DaemonProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in clientSettings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        daemon.Start(environment);
    }

    /// <summary>Runs the plugin's STATUS (cniVersion 1.1.0) against this NodeHost's socket.</summary>
    public async Task<ProcessOutcome> StatusAsync()
    {
        var config = new JsonObject
        {
            ["cniVersion"] = "1.1.0",
            ["name"] = "readiness",
            ["type"] = "spiderpool",
            ["ipam"] = new JsonObject
            {
                ["type"] = "spiderpool",
                ["ipam_unix_socket_path"] = SocketPath,
                ["log_file_path"] = Path.Combine(workDirectory, "status.log"),
            },
        };
        return await ChildProcess.RunAsync(pluginPath, [], new Dictionary<string, string?> { ["CNI_COMMAND"] = "STATUS" },
            ChildProcess.Utf8(config.ToJsonString()), TimeSpan.FromSeconds(30));
    }

    /// <summary>Until STATUS exits 0; fails early (with the log) if NodeHost exits.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        ProcessOutcome? last = null;
        while (watch.Elapsed < within)
        {
            last = await StatusAsync();
            if (last.ExitCode == 0)
            {
                return;
            }

            ThrowIfExited();
            await Task.Delay(250);
        }

        throw new TimeoutException($"NodeHost was not ready (plugin STATUS) within {within.TotalSeconds:F0} s; last STATUS: {last?.Describe()}\n{Tail()}");
    }

    /// <summary>Until anything answers HTTP on the socket, healthy or not.</summary>
    public async Task WaitServingAsync(TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (await Api.HealthStatusAsync() is not null)
            {
                return;
            }

            ThrowIfExited();
            await Task.Delay(250);
        }

        throw new TimeoutException($"NodeHost did not serve its socket within {within.TotalSeconds:F0} s\n{Tail()}");
    }

    /// <summary>SIGKILL: the socket file stays behind, as after a crash.</summary>
    public void Kill() => daemon.Kill();

    public string Tail(int lines = 40) => daemon.Tail(lines);

    public void Dispose()
    {
        daemon.Dispose();
        Api.Dispose();
    }

    private void ThrowIfExited()
    {
        if (daemon.ExitCode is { } code)
        {
            throw new InvalidOperationException($"NodeHost exited with code {code} before it was ready\n{Tail()}");
        }
    }
}
