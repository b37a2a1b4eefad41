using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Spiderpool.Tests.CniBench;

/// <summary>
/// NodeHost <c>--embedded</c> as a child process, with the silo configured as in production: PostgreSQL storage
/// (fsync on) for membership, workloads and pools, or (no connection string) the embedded default's SQLite file. Its pools come from a manifests folder; its state is keyed by a
/// service id unique to this run.
/// </summary>
internal sealed class BenchNodeHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private BenchNodeHost(Process process, StreamWriter log, string socketPath)
    {
        this.process = process;
        this.log = log;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>CPU time NodeHost (with its embedded silo) has used so far.</summary>
    public double CpuMilliseconds
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
    }

    public static async Task<BenchNodeHost> StartAsync(string root, string work, string plugin, string? postgres, string manifests)
    {
        var configuration = typeof(BenchNodeHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(root, "NodeHost", "Daemon", "bin", configuration, "net10.0", "Spiderpool.NodeHost.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build it with `dotnet build NodeHost/Daemon/Daemon.csproj -c {configuration}`");
        }

        var id = $"cnibench-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}";
        var socket = Path.Combine(work, "spiderpool.sock");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--embedded");
        if (postgres is null)
        {
            // The embedded default: SQLite in the work directory (what a single machine without Kubernetes runs).
            start.Environment["Spiderpool__DataDirectory"] = Path.Combine(work, "data");
        }
        else
        {
            start.Environment["Spiderpool__Storage"] = "Postgres";
            start.Environment["Spiderpool__Postgres__ConnectionString"] = postgres;
        }

        start.Environment["Spiderpool__ClusterId"] = id;
        start.Environment["Spiderpool__ServiceId"] = id;
        start.Environment["Spiderpool__AdvertisedAddress"] = "127.0.0.1";
        start.Environment["Spiderpool__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Spiderpool__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Spiderpool__ManifestsDirectory"] = manifests;
        start.Environment["NodeHost__SocketPath"] = socket;
        start.Environment["NodeHost__CniBinDir"] = Path.Combine(work, "bin");
        start.Environment["NodeHost__PluginSource"] = plugin;
        start.Environment["NodeHost__NodeName"] = "cnibench-node";

        var log = new StreamWriter(Path.Combine(work, "nodehost.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start NodeHost");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new BenchNodeHost(process, log, socket);
        await host.WaitReadyAsync(plugin, work);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM by PID first, so the silo leaves the PostgreSQL membership table cleanly.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ready when the plugin's STATUS (cniVersion 1.1.0) exits 0.</summary>
    private async Task WaitReadyAsync(string plugin, string work)
    {
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["cniVersion"] = "1.1.0",
            ["name"] = "cnibench-status",
            ["type"] = "spiderpool",
            ["ipam"] = new JsonObject
            {
                ["type"] = "spiderpool",
                ["ipam_unix_socket_path"] = SocketPath,
                ["log_file_path"] = Path.Combine(work, "status.log"),
            },
        }.ToJsonString());
        var watch = Stopwatch.StartNew();
        while (!(await PluginProcess.RunAsync(plugin, new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS" }, config)).Ok)
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(180))
            {
                throw new InvalidOperationException($"NodeHost did not become ready (exited: {process.HasExited}); see {Path.Combine(work, "nodehost.log")}");
            }

            await Task.Delay(250);
        }
    }
}
