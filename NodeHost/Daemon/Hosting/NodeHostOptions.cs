namespace Spiderpool.NodeHost.Hosting;

/// <summary>Settings of the node daemon (configuration section <c>NodeHost</c>; environment <c>NodeHost__SocketPath</c> etc.).</summary>
public sealed class NodeHostOptions
{
    public const string Section = "NodeHost";

    /// <summary>Unix socket the CNI plugins call (Spiderpool's <c>ipamUnixSocketPath</c>).</summary>
    public string SocketPath { get; set; } = "/var/run/spidernet/spiderpool.sock";

    /// <summary>This node's name (Kubernetes node name); defaults to the host name.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>Node labels reported to the cluster (from Kubernetes when that integration runs).</summary>
    public Dictionary<string, string> NodeLabels { get; set; } = [];

    /// <summary>
    /// Host a silo in this process (state in SQLite under Spiderpool:DataDirectory; --volatile: memory only) instead of connecting to one: single machine use
    /// and the README's demo.
    /// </summary>
    public bool Embedded { get; set; }

    /// <summary>
    /// The namespace of containers started without Kubernetes (no K8S_POD_NAMESPACE in CNI_ARGS: podman, <c>ctr run
    /// --cni</c>). Such a container's interface is recorded as the pod <c>&lt;namespace&gt;/&lt;container id&gt;.&lt;interface&gt;</c>.
    /// </summary>
    public string StandaloneNamespace { get; set; } = "standalone";

    /// <summary>
    /// Where a DEL that could not be delivered is recorded until it is released (the plugin's <c>ipam.del_journal_dir</c>
    /// must name the same directory). On disk, not in /run: the addresses stay held across a reboot.
    /// </summary>
    public string DelJournalDirectory { get; set; } = Spiderpool.Cni.Contract.DelJournal.DefaultDirectory;

    /// <summary>How often recorded DELs are retried once the start's replay is done.</summary>
    public TimeSpan DelJournalRescanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Silo gateways (<c>host:port</c>) when not embedded and not using PostgreSQL to find them.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>Find the silos' gateways in PostgreSQL's membership table instead of <see cref="Gateways"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    public string ClusterId { get; set; } = "spiderpool";

    public string ServiceId { get; set; } = "spiderpool";

    /// <summary>Where the CNI plugin binaries are installed at start (empty = do not install).</summary>
    public string CniBinDir { get; set; } = "/opt/cni/bin";

    /// <summary>The plugin binary to install; empty = <c>spiderpool</c> next to this executable.</summary>
    public string? PluginSource { get; set; }

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one CNI call may wait for the cluster before the plugin is told to try again later.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Defaults for the probes when the plugin configuration does not say (Spiderpool's defaults: off).</summary>
    public bool EnableIPConflictDetection { get; set; }

    public bool EnableGatewayDetection { get; set; }

    public bool SendGratuitousArp { get; set; } = true;

    /// <summary>How long an address found in conflict is kept out of its pool, so the retry gets another one.</summary>
    public TimeSpan ConflictQuarantine { get; set; } = TimeSpan.FromMinutes(10);
}
