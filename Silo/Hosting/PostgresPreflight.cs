using Npgsql;

namespace Spiderpool.Silo.Hosting;

/// <summary>
/// Opens one connection before the silo starts, so an unreachable or misconfigured database is reported as one line
/// that names the setting, instead of as a membership failure deep inside Orleans' start-up.
/// </summary>
public static class PostgresPreflight
{
    /// <summary>Returns null when PostgreSQL answers, otherwise what is wrong and which setting to check.</summary>
    public static async Task<string?> CheckAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            return $"Spiderpool:Postgres:ConnectionString is not a valid Npgsql connection string: {ex.Message}";
        }

        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return $"cannot use PostgreSQL at {parsed.Host}:{parsed.Port} database '{parsed.Database}' as user '{parsed.Username}' " +
                $"(Spiderpool:Postgres:ConnectionString): {ex.Message}";
        }
    }
}
