using Npgsql;
using Spiderpool.Silo.Postgres;
using Xunit;

namespace Spiderpool.Tests.Cluster.Postgres;

public sealed class PostgresSchemaTests
{
    [PostgresFact]
    public async Task Silos_starting_together_create_the_schema_once_without_errors()
    {
        // A private, empty schema so the tables really are created here, by eight "silos" at the same moment.
        var schema = $"sp_schema_{Guid.NewGuid():N}";
        var shared = await PostgresTestDatabase.ReadyAsync();
        await using (var create = shared.CreateCommand($"CREATE SCHEMA {schema}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var sources = Enumerable.Range(0, 8)
            .Select(_ => PostgresDataSources.Create(new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ConnectionString) { SearchPath = schema }.ConnectionString))
            .ToList();
        try
        {
            await Task.WhenAll(sources.Select(s => PostgresSchema.EnsureCreatedAsync(s)));
            await using (var late = PostgresDataSources.Create(sources[0].ConnectionString))
            {
                await PostgresSchema.EnsureCreatedAsync(late);
            }

            await using var count = shared.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'spiderpool\\_%'");
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            Assert.Equal(6L, await count.ExecuteScalarAsync()); // five tables and the view
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }

            await using var drop = shared.CreateCommand($"DROP SCHEMA {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
