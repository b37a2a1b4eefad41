namespace Spiderpool.Silo.Hosting;

/// <summary>Where the silo keeps membership and state.</summary>
public enum StorageMode
{
    /// <summary>
    /// One process, localhost clustering, pools and workload records in a SQLite file in <c>Spiderpool:DataDirectory</c>:
    /// a restart (or a crash, or power loss) keeps every address that was handed out.
    /// </summary>
    Embedded,
    /// <summary>PostgreSQL for membership, pools and workload records: what a deployment runs.</summary>
    Postgres,
    /// <summary>One process, localhost clustering, memory only: for demos and tests. Everything is lost on exit.</summary>
    Volatile,
}
