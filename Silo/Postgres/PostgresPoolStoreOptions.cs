namespace Spiderpool.Silo.Postgres;

/// <summary>Settings of the PostgreSQL pool store (<see cref="PostgresPoolStore"/>).</summary>
public sealed class PostgresPoolStoreOptions
{
    /// <summary>Npgsql connection string; normally bound from <c>Spiderpool:Postgres:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }
}
