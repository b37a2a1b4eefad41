using Npgsql;
using Spiderpool.Silo.Postgres;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// The PostgreSQL server the tests run against: <c>SPIDERPOOL_TEST_POSTGRES</c> holds its connection string
/// (<c>export SPIDERPOOL_TEST_POSTGRES=$(Tests/postgres.sh start)</c>). One data source for the whole test run;
/// tests isolate themselves with unique pool names, cluster ids and service ids rather than separate databases.
/// </summary>
public static class PostgresTestDatabase
{
    public const string Variable = "SPIDERPOOL_TEST_POSTGRES";

    private static readonly Lazy<NpgsqlDataSource> s_dataSource = new(() => PostgresDataSources.Create(ConnectionString));

    /// <summary>
    /// Why PostgreSQL tests are skipped, or null when they must run: they run when the variable is set, and also
    /// when <c>CI=true</c> (then a missing variable fails them instead of hiding them).
    /// </summary>
    public static string? SkipReason =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{Variable} is not set; run 'export {Variable}=$(Tests/postgres.sh start)' to include the PostgreSQL tests";

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"{Variable} is not set but CI=true requires the PostgreSQL tests to run: the test command must start PostgreSQL first " +
                    $"(export {Variable}=$(Tests/postgres.sh start)) and stop it afterwards (Tests/postgres.sh stop)")
                : value;
        }
    }

    public static NpgsqlDataSource DataSource => s_dataSource.Value;

    /// <summary>The shared data source with the schema created.</summary>
    public static async Task<NpgsqlDataSource> ReadyAsync()
    {
        await PostgresSchema.EnsureCreatedAsync(DataSource);
        return DataSource;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
