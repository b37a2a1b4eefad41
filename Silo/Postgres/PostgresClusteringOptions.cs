namespace Spiderpool.Silo.Postgres;

/// <summary>Settings of the PostgreSQL clustering (<see cref="PostgresMembershipTable"/>, <see cref="PostgresGatewayListProvider"/>); the cluster is <c>ClusterOptions.ClusterId</c>.</summary>
public sealed class PostgresClusteringOptions
{
    /// <summary>Npgsql connection string; normally bound from <c>Spiderpool:Postgres:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }
}
