using Npgsql;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Holds a pool's row in PostgreSQL locked (<c>SELECT ... FOR UPDATE</c> in an open transaction), so every write of
/// that pool waits: a CNI ADD that allocates from it stays in flight inside the silo for as long as the test wants.
/// Disposing rolls back and lets the writes through.
/// </summary>
internal sealed class PoolRowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string connectionString;

    private PoolRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction, string connectionString)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.connectionString = connectionString;
    }

    public static async Task<PoolRowLock> TakeAsync(string connectionString, string pool)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM spiderpool_pool WHERE name = @pool FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("pool", pool);
        if (await command.ExecuteScalarAsync() is null)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"pool '{pool}' has no row to lock; allocate from it once first");
        }

        return new PoolRowLock(connection, transaction, connectionString);
    }

    /// <summary>Waits until some session waits for a lock in this database (the silo's pool write, blocked by ours).</summary>
    public async Task WaitForBlockedWriterAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        await using var probe = new NpgsqlConnection(connectionString);
        await probe.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE NOT granted", probe);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no write waited for the locked pool row within {within.TotalSeconds} s");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
