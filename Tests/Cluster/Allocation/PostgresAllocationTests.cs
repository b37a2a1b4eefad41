using Microsoft.Extensions.Logging.Abstractions;
using Spiderpool.Silo.Postgres;
using Spiderpool.Tests.Cluster.Infrastructure;
using Spiderpool.Tests.Cluster.Postgres;

namespace Spiderpool.Tests.Cluster.Allocation;

/// <summary>
/// The allocation suite on PostgreSQL (the production providers: pool store and workload grain storage), so the
/// restart and concurrency tests run against a real server with fsync on.
/// </summary>
[RequiresPostgres]
public sealed class PostgresAllocationTests : AllocationSuite
{
    protected override ClusterHarness CreateHarness()
    {
        var connectionString = PostgresTestDatabase.ConnectionString;
        var dataSource = PostgresTestDatabase.ReadyAsync().GetAwaiter().GetResult();
        return new ClusterHarness(
            new PostgresPoolStore(dataSource, NullLogger<PostgresPoolStore>.Instance),
            (silo, name) => silo.AddPostgresGrainStorage(name, o => o.ConnectionString = connectionString));
    }
}
