namespace Spiderpool.Silo.Hosting;

/// <summary>Configuration section <c>Spiderpool:Postgres</c>.</summary>
public sealed class PostgresConnection
{
    /// <summary>Npgsql connection string (environment <c>Spiderpool__Postgres__ConnectionString</c>).</summary>
    public string? ConnectionString { get; set; }
}
