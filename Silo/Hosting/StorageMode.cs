namespace Spiderpool.Silo.Hosting;

/// <summary>Where the silo keeps membership and state.</summary>
public enum StorageMode
{
    /// <summary>One process, localhost clustering, memory only: for trying it out. Everything is lost on exit.</summary>
    Embedded,
    /// <summary>PostgreSQL for membership, pools and workload records: what a deployment runs.</summary>
    Postgres,
}
