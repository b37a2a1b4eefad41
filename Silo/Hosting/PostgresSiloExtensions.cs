using Spiderpool.Grains;
using Spiderpool.Silo.Postgres;

namespace Spiderpool.Silo.Hosting;

public static class PostgresSiloExtensions
{
    /// <summary>PostgreSQL for membership, workload grain state and pool state, all from one connection string.</summary>
    public static ISiloBuilder UseSpiderpoolPostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UsePostgresClustering(o => o.ConnectionString = connectionString);
        silo.AddPostgresGrainStorage(StorageNames.GrainState, o => o.ConnectionString = connectionString);
        silo.AddPostgresPoolStore(o => o.ConnectionString = connectionString);
        return silo;
    }
}
