using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Spiderpool.Silo.Sqlite;
using Spiderpool.Tests.Cluster.Infrastructure;
using Spiderpool.Tests.Cluster.Sqlite;
using Xunit;

namespace Spiderpool.Tests.Cluster.Allocation;

/// <summary>
/// The allocation suite on the embedded silo's SQLite providers (pool store and workload grain storage, one file with
/// synchronous=FULL), shared by both silos of the test cluster as they would share a database.
/// </summary>
public sealed class SqliteAllocationTests(SqliteTestDirectory directory) : AllocationSuite, IClassFixture<SqliteTestDirectory>
{
    protected override ClusterHarness CreateHarness() =>
        new(
            new SqlitePoolStore(directory.Database, NullLogger<SqlitePoolStore>.Instance),
            (silo, name) =>
            {
                silo.Services.AddSingleton(directory.Database);
                silo.AddSqliteGrainStorage(name);
            });
}
