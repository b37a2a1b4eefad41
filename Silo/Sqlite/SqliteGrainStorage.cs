using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Sqlite;

/// <summary>
/// Orleans grain storage for small per-grain records in <c>spiderpool_grain_state</c> of the embedded silo's SQLite
/// file, keyed by service id, state name and grain id. The ETag is the row's version. Every operation is one
/// transaction.
/// </summary>
/// <remarks>
/// Clearing deletes the row. That is safe because versions come from one counter (<c>spiderpool_counter</c>), moved
/// in the same transaction as the row it versions, so no stored version is ever issued twice: a writer still holding
/// an ETag from before the clear matches no row, and one that read nothing (no ETag) may only insert where no row
/// exists.
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage
{
    private const string ReadSql = """
        SELECT version, payload FROM spiderpool_grain_state
        WHERE service_id = $service AND state_name = $state AND grain_id = $id
        """;

    private const string NextVersionSql = "UPDATE spiderpool_counter SET value = value + 1 WHERE name = 'grain_state_version' RETURNING value";

    private const string InsertSql = """
        INSERT INTO spiderpool_grain_state (service_id, state_name, grain_id, version, payload)
        VALUES ($service, $state, $id, $new_version, $payload)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private const string UpdateSql = """
        UPDATE spiderpool_grain_state SET version = $new_version, payload = $payload
        WHERE service_id = $service AND state_name = $state AND grain_id = $id AND version = $version
        RETURNING version
        """;

    private const string DeleteSql = """
        DELETE FROM spiderpool_grain_state
        WHERE service_id = $service AND state_name = $state AND grain_id = $id AND version = $version
        RETURNING version
        """;

    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;

    public SqliteGrainStorage(
        string name,
        SqliteDatabase database,
        IGrainStorageSerializer serializer,
        string serviceId,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _name = name;
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        _serviceId = serviceId;
        _activatorProvider = activatorProvider ?? throw new ArgumentNullException(nameof(activatorProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var id = grainId.ToString();
        var (version, payload) = await _database.RunAsync(connection =>
        {
            using var command = Command(connection, null, ReadSql, stateName, id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ((long?)reader.GetInt64(0), (byte[])reader.GetValue(1)) : (null, null);
        }, cancellationToken);

        if (version is null)
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(payload!)) ?? CreateInstance<T>();
        grainState.RecordExists = true;
        grainState.ETag = FormatEtag(version.Value);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var expected = ParseEtag(grainState.ETag, stateName, grainId);
        var id = grainId.ToString();
        var newVersion = await _database.RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            long next;
            using (var counter = connection.CreateCommand())
            {
                counter.Transaction = transaction;
                counter.CommandText = NextVersionSql;
                next = (long)counter.ExecuteScalar()!;
            }

            using (var command = Command(connection, transaction, expected is null ? InsertSql : UpdateSql, stateName, id))
            {
                command.Parameters.AddWithValue("$new_version", next);
                command.Parameters.AddWithValue("$payload", payload);
                if (expected is not null)
                {
                    command.Parameters.AddWithValue("$version", expected.Value);
                }

                if (command.ExecuteScalar() is not long)
                {
                    // Rolled back when the transaction is disposed: the counter does not move for a refused write.
                    throw Conflict("write", stateName, grainId, expected is null ? null : FormatEtag(expected.Value), ReadVersion(connection, transaction, stateName, id));
                }
            }

            transaction.Commit();
            return next;
        }, cancellationToken);

        grainState.ETag = FormatEtag(newVersion);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var expected = ParseEtag(grainState.ETag, stateName, grainId);
        var presented = grainState.ETag;
        var id = grainId.ToString();
        await _database.RunAsync(connection =>
        {
            if (expected is null)
            {
                // The caller believes nothing is stored; that is only true if there is no row at all.
                return ReadVersion(connection, null, stateName, id) is { } stored
                    ? throw Conflict("clear", stateName, grainId, presented, stored)
                    : true;
            }

            using var command = Command(connection, null, DeleteSql, stateName, id);
            command.Parameters.AddWithValue("$version", expected.Value);
            return command.ExecuteScalar() is long
                ? true
                : throw Conflict("clear", stateName, grainId, presented, ReadVersion(connection, null, stateName, id));
        }, cancellationToken);

        grainState.State = CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private long? ReadVersion(SqliteConnection connection, SqliteTransaction? transaction, string stateName, string id)
    {
        using var command = Command(connection, transaction, ReadSql, stateName, id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : null;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string stateName, string id)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$id", id);
        return command;
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? presented, long? stored)
    {
        var storedEtag = stored is null ? null : FormatEtag(stored.Value);
        LogConflict(_name, operation, stateName, grainId, presented, storedEtag);
        return VersionEtag.Conflict(_name, operation, stateName, grainId, presented, storedEtag);
    }

    private long? ParseEtag(string? etag, string stateName, GrainId grainId) => VersionEtag.Parse(_name, etag, stateName, grainId);

    private static string FormatEtag(long version) => VersionEtag.Format(version);

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: {Operation} of {StateName} for {GrainId} refused, presented ETag {Presented}, stored ETag {Stored}")]
    private partial void LogConflict(string provider, string operation, string stateName, GrainId grainId, string? presented, string? stored);
}
