using Npgsql;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// Where operators set the PostgreSQL connection, named in one place so every validation message points at the same
/// setting.
/// </summary>
internal static class PostgresSettings
{
    public const string ConnectionStringKey = "Spiderpool:Postgres:ConnectionString";

    public const string ConnectionStringEnvironmentVariable = "Spiderpool__Postgres__ConnectionString";

    /// <summary>
    /// Throws <see cref="OrleansConfigurationException"/> naming the setting to fix when
    /// <paramref name="connectionString"/> is missing or not an Npgsql connection string. The value itself is never
    /// echoed: it usually carries a password.
    /// </summary>
    public static void ValidateConnectionString(string? connectionString, string component)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OrleansConfigurationException(
                $"{component}: {ConnectionStringKey} is empty; set it or {ConnectionStringEnvironmentVariable} (an Npgsql connection string such as Host=...;Port=5432;Username=...;Database=...)");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new OrleansConfigurationException(
                $"{component}: {ConnectionStringKey} is not a valid Npgsql connection string ({e.Message}); fix it or {ConnectionStringEnvironmentVariable}", e);
        }
    }
}
