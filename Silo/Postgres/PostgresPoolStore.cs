using System.Data;
using System.Net;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// <see cref="IPoolStore"/> on PostgreSQL (tables <c>spiderpool_pool</c> and <c>spiderpool_pool_address</c>, see
/// <c>Schema.sql</c>). A write is a single SQL statement sent in a single round trip and committed on its own: the
/// version-guarded head update, the row deletions and the row upserts are data-modifying CTEs of that statement, so
/// when the guard matches nothing, nothing else happens either.
/// </summary>
/// <remarks>
/// If a write is cancelled or the connection drops while it is in flight, it may or may not have committed; the
/// caller must treat that like a conflict and reload.
/// </remarks>
public sealed partial class PostgresPoolStore : IPoolStore
{
    // Row changes shared by both write statements: "h" is the pool row the guard produced (zero or one row), and
    // the upserts join it so they only happen when the guard matched. Arrays instead of one statement per row keep
    // the statement text constant, which is what lets it stay prepared on every connection.
    private const string UpsertCte = """
        ups AS (
            INSERT INTO spiderpool_pool_address AS a (stamp_unix_ms, pool_id, address, pod_key, pod_uid, container_id, if_name, node, net_name)
            SELECT u.stamp_unix_ms, h.id, u.address, u.pod_key, u.pod_uid, u.container_id, u.if_name, u.node, u.net_name
            FROM h CROSS JOIN unnest(@address::inet[], @pod_key::text[], @pod_uid::bytea[], @container_id::bytea[], @if_name::text[], @stamp::bigint[], @node::text[], @net_name::text[])
                AS u(address, pod_key, pod_uid, container_id, if_name, stamp_unix_ms, node, net_name)
            ON CONFLICT (pool_id, address) DO UPDATE SET
                stamp_unix_ms = EXCLUDED.stamp_unix_ms,
                pod_key = EXCLUDED.pod_key,
                pod_uid = EXCLUDED.pod_uid,
                container_id = EXCLUDED.container_id,
                if_name = EXCLUDED.if_name,
                node = EXCLUDED.node,
                net_name = EXCLUDED.net_name)
        """;

    private const string CreateSql = $"""
        WITH h AS (
            INSERT INTO spiderpool_pool (name, version, head) VALUES (@pool, 1, @head)
            ON CONFLICT (name) DO NOTHING
            RETURNING id, version),
        {UpsertCte}
        SELECT version FROM h
        """;

    private const string UpdateSql = $"""
        WITH h AS (
            UPDATE spiderpool_pool SET version = version + 1, head = COALESCE(@head, head), updated_at = now()
            WHERE name = @pool AND version = @expected
            RETURNING id, version),
        del AS (
            DELETE FROM spiderpool_pool_address a USING h
            WHERE a.pool_id = h.id AND a.address = ANY(@removals::inet[])),
        {UpsertCte}
        SELECT version FROM h
        """;

    private const string DeleteSql = """
        WITH p AS (
            DELETE FROM spiderpool_pool WHERE name = @pool AND version = @expected RETURNING id),
        held AS (
            DELETE FROM spiderpool_pool_address a USING p WHERE a.pool_id = p.id)
        SELECT count(*) FROM p
        """;

    private const string VersionSql = "SELECT version FROM spiderpool_pool WHERE name = @pool";

    private const string LoadHeadSql = "SELECT version, head FROM spiderpool_pool WHERE name = @pool";

    private const string LoadRowsSql = """
        SELECT address, pod_key, pod_uid, container_id, if_name, stamp_unix_ms, node, net_name
        FROM spiderpool_pool_address
        WHERE pool_id = (SELECT id FROM spiderpool_pool WHERE name = @pool)
        """;

    private const string ListSql = "SELECT name FROM spiderpool_pool";

    private const string ListHeadsSql = "SELECT name, version, head FROM spiderpool_pool";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresPoolStore> _logger;

    public PostgresPoolStore(NpgsqlDataSource dataSource, ILogger<PostgresPoolStore> logger)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<PoolSnapshot?> LoadAsync(string pool, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);

        // Head and rows come from two statements; a repeatable-read transaction gives both the same snapshot, so the
        // rows always belong to the version returned. Both statements go out in one round trip.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LoadHeadSql) { Parameters = { Text("pool", pool) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LoadRowsSql) { Parameters = { Text("pool", pool) } });

        PoolSnapshot? snapshot = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var version = reader.GetInt64(0);
                var head = reader.GetString(1);
                await reader.NextResultAsync(cancellationToken);
                var held = new List<HeldAddress>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    held.Add(new HeldAddress(
                        IpAddr.FromIPAddress(reader.GetFieldValue<IPAddress>(0)),
                        reader.GetString(1),
                        PackedText.UnpackUuid(reader.GetFieldValue<byte[]>(2)),
                        PackedText.UnpackHex(reader.GetFieldValue<byte[]>(3)),
                        reader.GetString(4),
                        reader.GetInt64(5),
                        reader.GetString(6),
                        reader.GetString(7)));
                }

                snapshot = new PoolSnapshot(version, head, held);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    public async Task<long> WriteAsync(string pool, long expectedVersion, PoolWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentNullException.ThrowIfNull(write);
        var upserts = PoolWriteRules.Check(pool, expectedVersion, write);

        await using var command = _dataSource.CreateCommand(expectedVersion == 0 ? CreateSql : UpdateSql);
        var parameters = command.Parameters;
        parameters.Add(Text("pool", pool));
        parameters.Add(new NpgsqlParameter("head", NpgsqlDbType.Text) { Value = (object?)write.HeadJson ?? DBNull.Value });
        if (expectedVersion != 0)
        {
            parameters.Add(new NpgsqlParameter<long>("expected", NpgsqlDbType.Bigint) { TypedValue = expectedVersion });
            parameters.Add(InetArray("removals", write.Removals));
        }

        AddUpsertArrays(parameters, upserts);

        var result = await command.ExecuteScalarAsync(cancellationToken);
        if (result is long newVersion)
        {
            return newVersion;
        }

        var actual = await ReadVersionAsync(pool, cancellationToken);
        LogWriteRefused(pool, expectedVersion, actual);
        throw new PoolStoreConflictException(pool, expectedVersion, actual);
    }

    public async Task DeleteAsync(string pool, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);

        if (expectedVersion != 0)
        {
            await using var command = _dataSource.CreateCommand(DeleteSql);
            command.Parameters.Add(Text("pool", pool));
            command.Parameters.Add(new NpgsqlParameter<long>("expected", NpgsqlDbType.Bigint) { TypedValue = expectedVersion });
            if (await command.ExecuteScalarAsync(cancellationToken) is long deleted && deleted > 0)
            {
                return;
            }
        }

        // Expecting "does not exist" and finding nothing is a successful delete; anything else is a conflict.
        var actual = await ReadVersionAsync(pool, cancellationToken);
        if (expectedVersion == 0 && actual is null)
        {
            return;
        }

        LogDeleteRefused(pool, expectedVersion, actual);
        throw new PoolStoreConflictException(pool, expectedVersion, actual);
    }

    public async Task<IReadOnlyList<PoolHeadRecord>> ListHeadsAsync(CancellationToken cancellationToken = default)
    {
        var heads = new List<PoolHeadRecord>();
        await using (var command = _dataSource.CreateCommand(ListHeadsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                heads.Add(new PoolHeadRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        // Ordinal order, as ListPoolsAsync: no database collation promises it.
        heads.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return heads;
    }

    public async Task<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await using (var command = _dataSource.CreateCommand(ListSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        // Sorted here rather than by ORDER BY: the contract is .NET ordinal order, which no database collation
        // promises for every character.
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private async Task<long?> ReadVersionAsync(string pool, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(VersionSql);
        command.Parameters.Add(Text("pool", pool));
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    private static NpgsqlParameter<string> Text(string name, string value) =>
        new(name, NpgsqlDbType.Text) { TypedValue = value };

    private static NpgsqlParameter InetArray(string name, IReadOnlyList<IpAddr> addresses)
    {
        var values = new IPAddress[addresses.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = addresses[i].ToIPAddress();
        }

        return new NpgsqlParameter<IPAddress[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Inet) { TypedValue = values };
    }

    private static void AddUpsertArrays(NpgsqlParameterCollection parameters, IReadOnlyList<HeldAddress> upserts)
    {
        var count = upserts.Count;
        var addresses = new IPAddress[count];
        var podKeys = new string[count];
        var podUids = new byte[count][];
        var containerIds = new byte[count][];
        var ifNames = new string[count];
        var stamps = new long[count];
        var nodes = new string[count];
        var netNames = new string[count];
        for (var i = 0; i < count; i++)
        {
            var held = upserts[i];
            addresses[i] = held.Address.ToIPAddress();
            podKeys[i] = held.PodKey;
            podUids[i] = PackedText.PackUuid(held.PodUid);
            containerIds[i] = PackedText.PackHex(held.ContainerId);
            ifNames[i] = held.IfName;
            stamps[i] = held.StampUnixMs;
            nodes[i] = held.Node;
            netNames[i] = held.NetName;
        }

        parameters.Add(new NpgsqlParameter<IPAddress[]>("address", NpgsqlDbType.Array | NpgsqlDbType.Inet) { TypedValue = addresses });
        parameters.Add(new NpgsqlParameter<string[]>("pod_key", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = podKeys });
        parameters.Add(new NpgsqlParameter<byte[][]>("pod_uid", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = podUids });
        parameters.Add(new NpgsqlParameter<byte[][]>("container_id", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = containerIds });
        parameters.Add(new NpgsqlParameter<string[]>("if_name", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ifNames });
        parameters.Add(new NpgsqlParameter<long[]>("stamp", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = stamps });
        parameters.Add(new NpgsqlParameter<string[]>("node", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = nodes });
        parameters.Add(new NpgsqlParameter<string[]>("net_name", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = netNames });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused write of pool {Pool}: expected version {ExpectedVersion}, stored version {ActualVersion}; another activation wrote it")]
    private partial void LogWriteRefused(string pool, long expectedVersion, long? actualVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused delete of pool {Pool}: expected version {ExpectedVersion}, stored version {ActualVersion}")]
    private partial void LogDeleteRefused(string pool, long expectedVersion, long? actualVersion);
}
