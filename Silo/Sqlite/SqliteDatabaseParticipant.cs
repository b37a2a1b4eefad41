using Microsoft.Extensions.DependencyInjection;

namespace Spiderpool.Silo.Sqlite;

/// <summary>
/// Opens the database (lock, schema) as the silo starts, before grains can activate, so a data directory that cannot
/// be used or is held by another process stops the start with its message instead of failing the first CNI call.
/// </summary>
internal sealed class SqliteDatabaseParticipant(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SqliteDatabase),
            ServiceLifecycleStage.RuntimeInitialize,
            _ =>
            {
                services.GetRequiredService<SqliteDatabase>();
                return Task.CompletedTask;
            });
}
