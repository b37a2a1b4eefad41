using Microsoft.Extensions.Logging.Abstractions;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Sqlite;
using Spiderpool.Tests.Cluster.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Sqlite;

public sealed class SqlitePoolStoreTests(SqliteTestDirectory directory, ITestOutputHelper output) : PoolStoreContract(output), IClassFixture<SqliteTestDirectory>
{
    protected override Task<IPoolStore> StoreAsync() =>
        Task.FromResult<IPoolStore>(new SqlitePoolStore(directory.Database, NullLogger<SqlitePoolStore>.Instance));
}
