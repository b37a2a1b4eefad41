using Spiderpool.Grains;
using Spiderpool.Grains.Persistence;
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
        silo.AddPostgresGrainStorage(StorageNames.GrainStateBackend, o => o.ConnectionString = connectionString);
        silo.Services.AddGuardedGrainStorage(StorageNames.GrainState, StorageNames.GrainStateBackend);
        silo.AddPostgresPoolStore(o => o.ConnectionString = connectionString);
        return silo;
    }
}
