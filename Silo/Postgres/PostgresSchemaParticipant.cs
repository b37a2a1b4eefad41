using Npgsql;

namespace Spiderpool.Silo.Postgres;

/// <summary>Creates the schema while the silo starts, before grains can activate and touch the tables.</summary>
internal sealed class PostgresSchemaParticipant(NpgsqlDataSource dataSource, string observerName) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            observerName,
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => PostgresSchema.EnsureCreatedAsync(dataSource, cancellationToken));
}
