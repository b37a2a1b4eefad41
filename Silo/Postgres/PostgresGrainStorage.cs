using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// Orleans grain storage for small per-grain records in <c>spiderpool_grain_state</c>, keyed by service id, state
/// name and grain id. The ETag is the row's version. Every operation is one statement in one round trip.
/// </summary>
/// <remarks>
/// Clearing deletes the row, so records of pods long gone take no space. That is safe because versions come from one
/// sequence (never issued twice): a writer still holding an ETag from before the clear matches no row, and one that
/// read nothing (no ETag) may only insert where no row exists.
/// </remarks>
public sealed partial class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string ReadSql = """
        SELECT version, payload FROM spiderpool_grain_state
        WHERE service_id = @service AND state_name = @state AND grain_id = @id
        """;

    private const string InsertSql = """
        INSERT INTO spiderpool_grain_state (service_id, state_name, grain_id, version, payload)
        VALUES (@service, @state, @id, nextval('spiderpool_grain_state_version'), @payload)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private const string UpdateSql = """
        UPDATE spiderpool_grain_state SET version = nextval('spiderpool_grain_state_version'), payload = @payload, updated_at = now()
        WHERE service_id = @service AND state_name = @state AND grain_id = @id AND version = @version
        RETURNING version
        """;

    private const string DeleteSql = """
        DELETE FROM spiderpool_grain_state
        WHERE service_id = @service AND state_name = @state AND grain_id = @id AND version = @version
        RETURNING version
        """;

    private readonly string _name;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<PostgresGrainStorage> _logger;

    public PostgresGrainStorage(
        string name,
        NpgsqlDataSource dataSource,
        IGrainStorageSerializer serializer,
        string serviceId,
        IActivatorProvider activatorProvider,
        ILogger<PostgresGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _name = name;
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
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
        await using var command = CreateCommand(ReadSql, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        if (reader.IsDBNull(1))
        {
            // A cleared record as older versions kept it (the schema script removes those at start): nothing to load,
            // but its version is the ETag the next write must present.
            grainState.State = CreateInstance<T>();
            grainState.RecordExists = false;
        }
        else
        {
            var payload = reader.GetFieldValue<byte[]>(1);
            grainState.State = _serializer.Deserialize<T>(new BinaryData(payload)) ?? CreateInstance<T>();
            grainState.RecordExists = true;
        }

        grainState.ETag = FormatEtag(version);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var expected = ParseEtag(grainState.ETag, stateName, grainId);
        var newVersion = await WriteAsync(stateName, grainId, expected, payload, cancellationToken);
        grainState.ETag = FormatEtag(newVersion);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = ParseEtag(grainState.ETag, stateName, grainId);
        if (expected is null)
        {
            // The caller believes nothing is stored; that is only true if there is no row at all.
            var stored = await ReadVersionAsync(stateName, grainId, cancellationToken);
            if (stored is not null)
            {
                throw Conflict("clear", stateName, grainId, grainState.ETag, stored);
            }

            grainState.State = CreateInstance<T>();
            grainState.RecordExists = false;
            return;
        }

        await using (var command = CreateCommand(DeleteSql, stateName, grainId))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("version", NpgsqlDbType.Bigint) { TypedValue = expected.Value });
            if (await command.ExecuteScalarAsync(cancellationToken) is not long)
            {
                throw Conflict("clear", stateName, grainId, grainState.ETag, await ReadVersionAsync(stateName, grainId, cancellationToken));
            }
        }

        grainState.State = CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            $"{nameof(PostgresGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => PostgresSchema.EnsureCreatedAsync(_dataSource, cancellationToken));
    }

    /// <summary>Inserts (no expected version) or updates under the version guard; returns the new version.</summary>
    private async Task<long> WriteAsync(string stateName, GrainId grainId, long? expected, byte[] payload, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(expected is null ? InsertSql : UpdateSql, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Bytea) { TypedValue = payload });
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long>("version", NpgsqlDbType.Bigint) { TypedValue = expected.Value });
        }

        if (await command.ExecuteScalarAsync(cancellationToken) is long newVersion)
        {
            return newVersion;
        }

        var stored = await ReadVersionAsync(stateName, grainId, cancellationToken);
        throw Conflict("write", stateName, grainId, expected is null ? null : FormatEtag(expected.Value), stored);
    }

    private async Task<long?> ReadVersionAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(ReadSql, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
    }

    private NpgsqlCommand CreateCommand(string sql, string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("service", NpgsqlDbType.Text) { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string>("state", NpgsqlDbType.Text) { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<string>("id", NpgsqlDbType.Text) { TypedValue = grainId.ToString() });
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
