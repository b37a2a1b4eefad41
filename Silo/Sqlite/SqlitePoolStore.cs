using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Sqlite;

/// <summary>
/// <see cref="IPoolStore"/> on the embedded silo's SQLite file (tables <c>spiderpool_pool</c> and
/// <c>spiderpool_pool_address</c>, see <c>Sqlite/Schema.sql</c>). A write is one transaction: the version-guarded
/// head change first, then one keyed delete or upsert per changed row, so its cost follows the rows it changes, not
/// the rows the pool holds. When the guard matches nothing the transaction is rolled back before any row is touched.
/// </summary>
public sealed partial class SqlitePoolStore : IPoolStore
{
    private const string CreateSql = """
        INSERT INTO spiderpool_pool (name, version, head) VALUES ($pool, 1, $head)
        ON CONFLICT (name) DO NOTHING
        RETURNING id, version
        """;

    private const string UpdateSql = """
        UPDATE spiderpool_pool SET version = version + 1, head = COALESCE($head, head)
        WHERE name = $pool AND version = $expected
        RETURNING id, version
        """;

    private const string RemoveRowSql = "DELETE FROM spiderpool_pool_address WHERE pool_id = $id AND address = $address";

    private const string UpsertRowSql = """
        INSERT INTO spiderpool_pool_address (pool_id, address, pod_key, pod_uid, container_id, if_name, stamp_unix_ms, node, net_name)
        VALUES ($id, $address, $pod_key, $pod_uid, $container_id, $if_name, $stamp, $node, $net_name)
        ON CONFLICT (pool_id, address) DO UPDATE SET
            pod_key = excluded.pod_key,
            pod_uid = excluded.pod_uid,
            container_id = excluded.container_id,
            if_name = excluded.if_name,
            stamp_unix_ms = excluded.stamp_unix_ms,
            node = excluded.node,
            net_name = excluded.net_name
        """;

    private const string DeleteSql = "DELETE FROM spiderpool_pool WHERE name = $pool AND version = $expected RETURNING id";

    private const string DeleteRowsSql = "DELETE FROM spiderpool_pool_address WHERE pool_id = $id";

    private const string VersionSql = "SELECT version FROM spiderpool_pool WHERE name = $pool";

    private const string LoadHeadSql = "SELECT id, version, head FROM spiderpool_pool WHERE name = $pool";

    private const string LoadRowsSql = """
        SELECT address, pod_key, pod_uid, container_id, if_name, stamp_unix_ms, node, net_name
        FROM spiderpool_pool_address WHERE pool_id = $id
        """;

    private const string ListHeadsSql = "SELECT name, version, head FROM spiderpool_pool";

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqlitePoolStore> _logger;

    public SqlitePoolStore(SqliteDatabase database, ILogger<SqlitePoolStore> logger)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task<PoolSnapshot?> LoadAsync(string pool, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        return _database.RunAsync<PoolSnapshot?>(connection =>
        {
            // Head and rows inside one read transaction: one snapshot, so the rows belong to the version returned.
            using var transaction = connection.BeginTransaction(deferred: true);
            long id;
            long version;
            string head;
            using (var command = Command(connection, transaction, LoadHeadSql))
            {
                command.Parameters.AddWithValue("$pool", pool);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                id = reader.GetInt64(0);
                version = reader.GetInt64(1);
                head = reader.GetString(2);
            }

            var held = new List<HeldAddress>();
            using (var command = Command(connection, transaction, LoadRowsSql))
            {
                command.Parameters.AddWithValue("$id", id);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    held.Add(new HeldAddress(
                        DecodeAddress((byte[])reader.GetValue(0)),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetInt64(5),
                        reader.GetString(6),
                        reader.GetString(7)));
                }
            }

            transaction.Commit();
            return new PoolSnapshot(version, head, held);
        }, cancellationToken);
    }

    public Task<long> WriteAsync(string pool, long expectedVersion, PoolWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentNullException.ThrowIfNull(write);
        var upserts = PoolWriteRules.Check(pool, expectedVersion, write);
        // Copied now: the caller may change its lists once this returns a task.
        var removals = write.Removals.ToArray();
        var rows = upserts.ToArray();
        var headJson = write.HeadJson;

        return _database.RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            long id;
            long newVersion;
            using (var command = Command(connection, transaction, expectedVersion == 0 ? CreateSql : UpdateSql))
            {
                command.Parameters.AddWithValue("$pool", pool);
                command.Parameters.AddWithValue("$head", (object?)headJson ?? DBNull.Value);
                if (expectedVersion != 0)
                {
                    command.Parameters.AddWithValue("$expected", expectedVersion);
                }

                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    reader.Close();
                    var actual = ReadVersion(connection, transaction, pool);
                    LogWriteRefused(pool, expectedVersion, actual);
                    throw new PoolStoreConflictException(pool, expectedVersion, actual);
                }

                id = reader.GetInt64(0);
                newVersion = reader.GetInt64(1);
            }

            if (removals.Length > 0)
            {
                // One prepared statement, run once per row.
                using var remove = Command(connection, transaction, RemoveRowSql);
                remove.Parameters.AddWithValue("$id", id);
                var address = remove.Parameters.Add("$address", SqliteType.Blob);
                foreach (var removal in removals)
                {
                    address.Value = EncodeAddress(removal);
                    remove.ExecuteNonQuery();
                }
            }

            if (rows.Length > 0)
            {
                using var upsert = Command(connection, transaction, UpsertRowSql);
                upsert.Parameters.AddWithValue("$id", id);
                var address = upsert.Parameters.Add("$address", SqliteType.Blob);
                var podKey = upsert.Parameters.Add("$pod_key", SqliteType.Text);
                var podUid = upsert.Parameters.Add("$pod_uid", SqliteType.Text);
                var containerId = upsert.Parameters.Add("$container_id", SqliteType.Text);
                var ifName = upsert.Parameters.Add("$if_name", SqliteType.Text);
                var stamp = upsert.Parameters.Add("$stamp", SqliteType.Integer);
                var node = upsert.Parameters.Add("$node", SqliteType.Text);
                var netName = upsert.Parameters.Add("$net_name", SqliteType.Text);
                foreach (var row in rows)
                {
                    address.Value = EncodeAddress(row.Address);
                    podKey.Value = row.PodKey;
                    podUid.Value = row.PodUid;
                    containerId.Value = row.ContainerId;
                    ifName.Value = row.IfName;
                    stamp.Value = row.StampUnixMs;
                    node.Value = row.Node;
                    netName.Value = row.NetName;
                    upsert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return newVersion;
        }, cancellationToken);
    }

    public Task DeleteAsync(string pool, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        return _database.RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (expectedVersion != 0)
            {
                long? id;
                using (var command = Command(connection, transaction, DeleteSql))
                {
                    command.Parameters.AddWithValue("$pool", pool);
                    command.Parameters.AddWithValue("$expected", expectedVersion);
                    id = command.ExecuteScalar() is long deleted ? deleted : null;
                }

                if (id is not null)
                {
                    using var rows = Command(connection, transaction, DeleteRowsSql);
                    rows.Parameters.AddWithValue("$id", id.Value);
                    rows.ExecuteNonQuery();
                    transaction.Commit();
                    return true;
                }
            }

            // Expecting "does not exist" and finding nothing is a successful delete; anything else is a conflict.
            var actual = ReadVersion(connection, transaction, pool);
            if (expectedVersion == 0 && actual is null)
            {
                return true;
            }

            LogDeleteRefused(pool, expectedVersion, actual);
            throw new PoolStoreConflictException(pool, expectedVersion, actual);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PoolHeadRecord>> ListHeadsAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<PoolHeadRecord>>(connection =>
        {
            var heads = new List<PoolHeadRecord>();
            using var command = Command(connection, null, ListHeadsSql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                heads.Add(new PoolHeadRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }

            // The contract is .NET ordinal order; SQLite's BINARY collation compares UTF-8 bytes, which differs from
            // UTF-16 order for some characters.
            heads.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return heads;
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) =>
        (await ListHeadsAsync(cancellationToken)).Select(h => h.Name).ToList();

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static long? ReadVersion(SqliteConnection connection, SqliteTransaction transaction, string pool)
    {
        using var command = Command(connection, transaction, VersionSql);
        command.Parameters.AddWithValue("$pool", pool);
        return command.ExecuteScalar() is long version ? version : null;
    }

    /// <summary>4 bytes for IPv4, 16 for IPv6, network order: the length tells the family.</summary>
    internal static byte[] EncodeAddress(IpAddr address)
    {
        if (address.Family == IpFamily.V4)
        {
            var v4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)address.Value);
            return v4;
        }

        var v6 = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, address.Value);
        return v6;
    }

    internal static IpAddr DecodeAddress(byte[] bytes) => bytes.Length switch
    {
        4 => new IpAddr(IpFamily.V4, BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => new IpAddr(IpFamily.V6, BinaryPrimitives.ReadUInt128BigEndian(bytes)),
        _ => throw new FormatException($"stored address has {bytes.Length} bytes; expected 4 (IPv4) or 16 (IPv6) (was the row written by another program?)"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused write of pool {Pool}: expected version {ExpectedVersion}, stored version {ActualVersion}; another activation wrote it")]
    private partial void LogWriteRefused(string pool, long expectedVersion, long? actualVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused delete of pool {Pool}: expected version {ExpectedVersion}, stored version {ActualVersion}")]
    private partial void LogDeleteRefused(string pool, long expectedVersion, long? actualVersion);
}
