using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>The <c>ipam</c> object of the network config (Spiderpool section 5.1), defaults applied.</summary>
internal sealed record IpamConfig
{
    public const string DefaultLogFilePath = "/var/log/spidernet/spiderpool.log";
    public const int DefaultLogFileMaxSizeMb = 100;
    public const int DefaultLogFileMaxCount = 7;

    public string? Type { get; init; }

    public PluginLogLevel LogLevel { get; init; } = PluginLogLevel.Info;

    public string LogFilePath { get; init; } = DefaultLogFilePath;

    /// <summary>A log file this large (in MiB) is rotated before the next invocation writes to it.</summary>
    public int LogFileMaxSizeMb { get; init; } = DefaultLogFileMaxSizeMb;

    /// <summary>How many rotated files (<c>.1</c> newest .. <c>.N</c> oldest) are kept.</summary>
    public int LogFileMaxCount { get; init; } = DefaultLogFileMaxCount;

    public IReadOnlyList<string> DefaultIPv4Pools { get; init; } = [];

    public IReadOnlyList<string> DefaultIPv6Pools { get; init; } = [];

    public bool CleanGateway { get; init; }

    public bool MatchMasterSubnet { get; init; }

    public string SocketPath { get; init; } = AgentApi.DefaultSocketPath;

    /// <summary>Ours, <c>ipam.del_journal_dir</c>: where a DEL NodeHost cannot take now is recorded (NodeHost's <c>DelJournalDirectory</c>).</summary>
    public string DelJournalDirectory { get; init; } = DelJournal.DefaultDirectory;

    /// <summary>Null leaves NodeHost's default.</summary>
    public bool? EnableIPConflictDetection { get; init; }

    /// <summary>Null leaves NodeHost's default.</summary>
    public bool? EnableGatewayDetection { get; init; }

    /// <summary>Null leaves NodeHost's default.</summary>
    public bool? SendGratuitousArp { get; init; }
}
