using Microsoft.Extensions.Options;

namespace Spiderpool.Silo.Postgres;

/// <summary>Fails silo (or client) start with a message naming the setting when the connection string is unusable.</summary>
internal sealed class PostgresPoolStoreOptionsValidator(IOptions<PostgresPoolStoreOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration() =>
        PostgresSettings.ValidateConnectionString(options.Value.ConnectionString, "PostgreSQL pool store");
}
