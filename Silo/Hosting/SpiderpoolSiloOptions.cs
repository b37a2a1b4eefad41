namespace Spiderpool.Silo.Hosting;

/// <summary>Settings of the silo host (configuration section <c>Spiderpool</c>; environment <c>Spiderpool__Storage</c> etc.).</summary>
public sealed class SpiderpoolSiloOptions
{
    public const string Section = "Spiderpool";

    public StorageMode Storage { get; set; } = StorageMode.Embedded;

    /// <summary>
    /// Where <see cref="StorageMode.Embedded"/> keeps its database (<c>spiderpool.db</c> and its lock file); created
    /// if missing. One process at a time: a second silo on the same directory is refused.
    /// </summary>
    public string? DataDirectory { get; set; } = Sqlite.SqliteSettings.DefaultDataDirectory;

    /// <summary>Where PostgreSQL is; its connection string is required when <see cref="Storage"/> is Postgres.</summary>
    public PostgresConnection Postgres { get; set; } = new();

    public string ClusterId { get; set; } = "spiderpool";

    public string ServiceId { get; set; } = "spiderpool";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// A folder of SpiderIPPool/SpiderReservedIP YAML applied when the silo starts (pools without Kubernetes). It is
    /// read strictly (an unknown or unsupported field is an error) and an invalid manifest stops the silo.
    /// </summary>
    public string? ManifestsDirectory { get; set; }

    /// <summary>Address other silos and clients use to reach this one; empty = loopback in Embedded and Volatile, the host's address otherwise.</summary>
    public string? AdvertisedAddress { get; set; }
}
