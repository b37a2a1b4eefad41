using Spiderpool.Grains;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Sqlite;

namespace Spiderpool.Silo.Hosting;

public static class SqliteSiloExtensions
{
    /// <summary>
    /// The embedded silo's durable storage: workload grain state and pool state in one SQLite file in
    /// <paramref name="dataDirectory"/> (clustering stays localhost: one process).
    /// </summary>
    public static ISiloBuilder UseSpiderpoolSqlite(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        silo.AddSqliteDatabase(dataDirectory);
        silo.AddSqliteGrainStorage(StorageNames.GrainStateBackend);
        silo.Services.AddGuardedGrainStorage(StorageNames.GrainState, StorageNames.GrainStateBackend);
        silo.AddSqlitePoolStore();
        return silo;
    }
}
