using Microsoft.Extensions.Logging.Abstractions;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Postgres;
using Spiderpool.Tests.Cluster.Persistence;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Postgres;

[RequiresPostgres]
public sealed class PostgresPoolStoreTests(ITestOutputHelper output) : PoolStoreContract(output)
{
    protected override async Task<IPoolStore> StoreAsync() =>
        new PostgresPoolStore(await PostgresTestDatabase.ReadyAsync(), NullLogger<PostgresPoolStore>.Instance);
}
