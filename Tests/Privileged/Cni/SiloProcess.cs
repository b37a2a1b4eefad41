using System.Globalization;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// A silo as its own process (<c>dotnet Spiderpool.Silo.dll run</c>) on PostgreSQL, for NodeHost in client mode. Its
/// cluster and service ids are unique to the test, so membership and state are the test's own; the same ids and
/// ports are used at every start, so a restarted silo is the same cluster with the state it left in PostgreSQL.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly DaemonProcess daemon;
    private readonly Dictionary<string, string> environment;

    public SiloProcess(string workDirectory, string manifestsDirectory, string connectionString, string clusterId)
    {
        Directory.CreateDirectory(workDirectory);
        SiloPort = DaemonProcess.FreePort();
        GatewayPort = DaemonProcess.FreePort();
        ClusterId = clusterId;
        daemon = new DaemonProcess($"silo {clusterId}", RepositoryPaths.SiloDll, ["run"], Path.Combine(workDirectory, "silo.log"));
        environment = new Dictionary<string, string>
        {
            ["Spiderpool__Storage"] = "Postgres",
            ["Spiderpool__Postgres__ConnectionString"] = connectionString,
            ["Spiderpool__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Spiderpool__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Spiderpool__AdvertisedAddress"] = "127.0.0.1",
            ["Spiderpool__ClusterId"] = clusterId,
            ["Spiderpool__ServiceId"] = clusterId,
            ["Spiderpool__ManifestsDirectory"] = manifestsDirectory,
        };
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string ClusterId { get; }

    /// <summary>NodeHost settings of a client of this silo (static gateway; its own cluster and service ids).</summary>
    public Dictionary<string, string> ClientSettings() => new()
    {
        ["NodeHost__Gateways__0"] = $"127.0.0.1:{GatewayPort}",
        ["NodeHost__ClusterId"] = ClusterId,
        ["NodeHost__ServiceId"] = ClusterId,
    };

    public bool IsRunning => daemon.IsRunning;

    public void Start() => daemon.Start(environment);

    /// <summary>SIGKILL: a crash, nothing is shut down cleanly.</summary>
    public void Kill() => daemon.Kill();

    public string Tail(int lines = 30) => daemon.Tail(lines);

    public void Dispose() => daemon.Dispose();
}
