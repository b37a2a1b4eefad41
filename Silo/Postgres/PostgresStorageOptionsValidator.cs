
namespace Spiderpool.Silo.Postgres;

/// <summary>Fails silo start with a message naming the setting when a grain storage provider's connection string is unusable.</summary>
internal sealed class PostgresStorageOptionsValidator(PostgresStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration() =>
        PostgresSettings.ValidateConnectionString(options.ConnectionString, $"PostgreSQL grain storage '{name}'");
}
