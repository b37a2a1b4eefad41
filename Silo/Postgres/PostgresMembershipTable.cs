using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// Orleans membership table on PostgreSQL (<c>spiderpool_membership_version</c>, <c>spiderpool_membership</c>),
/// one version row and one row per silo incarnation for each cluster id.
/// </summary>
/// <remarks>
/// <para>
/// The table version's ETag and each row's ETag are counters incremented by every change, shown to Orleans as
/// decimal strings. Insert and update take the version row's lock first (its guarded UPDATE) and change the silo row
/// second, in one transaction, and commit only if both matched; so concurrent writers of one cluster are serialised
/// by the version row and a stale ETag always loses.
/// </para>
/// <para>
/// <see cref="UpdateIAmAliveAsync"/> is the contract's "dirty write": it changes neither the row ETag nor the table
/// version, so the periodic liveness update of a silo never makes another silo's suspicion vote fail.
/// </para>
/// </remarks>
public sealed partial class PostgresMembershipTable : IMembershipTable
{
    private const string Columns = """
        v.version, v.etag, m.silo, m.etag, m.status, m.proxy_port, m.host_name, m.silo_name, m.role_name,
        m.update_zone, m.fault_zone, m.start_time, m.i_am_alive_time, m.suspect_silos, m.suspect_times
        """;

    // One statement each, so the entries and the table version come from one snapshot as the contract requires.
    private const string ReadAllSql = $"""
        SELECT {Columns}
        FROM spiderpool_membership_version v
        LEFT JOIN spiderpool_membership m ON m.cluster_id = v.cluster_id
        WHERE v.cluster_id = @cluster
        """;

    private const string ReadRowSql = $"""
        SELECT {Columns}
        FROM spiderpool_membership_version v
        LEFT JOIN spiderpool_membership m ON m.cluster_id = v.cluster_id AND m.silo = @silo
        WHERE v.cluster_id = @cluster
        """;

    private const string InitSql = """
        INSERT INTO spiderpool_membership_version (cluster_id, version, etag) VALUES (@cluster, 0, 0)
        ON CONFLICT (cluster_id) DO NOTHING
        """;

    private const string BumpVersionSql = """
        UPDATE spiderpool_membership_version SET version = @version, etag = etag + 1, updated_at = now()
        WHERE cluster_id = @cluster AND etag = @version_etag
        """;

    private const string InsertSql = """
        INSERT INTO spiderpool_membership (cluster_id, silo, etag, status, proxy_port, host_name, silo_name, role_name,
            update_zone, fault_zone, start_time, i_am_alive_time, effective_update_time, suspect_silos, suspect_times)
        VALUES (@cluster, @silo, 0, @status, @proxy_port, @host_name, @silo_name, @role_name,
            @update_zone, @fault_zone, @start_time, @i_am_alive_time, @effective_update_time, @suspect_silos, @suspect_times)
        ON CONFLICT (cluster_id, silo) DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE spiderpool_membership SET etag = etag + 1, status = @status, proxy_port = @proxy_port,
            host_name = @host_name, silo_name = @silo_name, role_name = @role_name, update_zone = @update_zone,
            fault_zone = @fault_zone, start_time = @start_time, i_am_alive_time = @i_am_alive_time,
            effective_update_time = @effective_update_time, suspect_silos = @suspect_silos, suspect_times = @suspect_times
        WHERE cluster_id = @cluster AND silo = @silo AND etag = @row_etag
        """;

    private const string IAmAliveSql = """
        UPDATE spiderpool_membership
        SET i_am_alive_time = @i_am_alive_time, effective_update_time = GREATEST(effective_update_time, @i_am_alive_time)
        WHERE cluster_id = @cluster AND silo = @silo
        """;

    private const string DeleteClusterSql = """
        WITH members AS (DELETE FROM spiderpool_membership WHERE cluster_id = @cluster)
        DELETE FROM spiderpool_membership_version WHERE cluster_id = @cluster
        """;

    private const string CleanupSql = """
        DELETE FROM spiderpool_membership
        WHERE cluster_id = @cluster AND status <> @active AND effective_update_time < @before
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly ILogger<PostgresMembershipTable> _logger;

    public PostgresMembershipTable(
        PostgresDataSources dataSources,
        IOptions<PostgresClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<PostgresMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        PostgresSettings.ValidateConnectionString(options.Value.ConnectionString, "PostgreSQL clustering");
        _clusterId = string.IsNullOrEmpty(clusterOptions.Value.ClusterId)
            ? throw new OrleansConfigurationException("PostgreSQL clustering: ClusterOptions.ClusterId is empty; set Orleans:ClusterId")
            : clusterOptions.Value.ClusterId;
        _dataSource = dataSources.Get(options.Value.ConnectionString!);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) =>
        InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        await PostgresSchema.EnsureCreatedAsync(_dataSource, cancellationToken);
        if (tryInitTableVersion)
        {
            await using var command = Command(InitSql);
            var created = await command.ExecuteNonQueryAsync(cancellationToken);
            LogInitialized(_clusterId, created > 0);
        }
    }

    public Task DeleteMembershipTableEntries(string clusterId) =>
        DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        await using var command = _dataSource.CreateCommand(DeleteClusterSql);
        command.Parameters.Add(new NpgsqlParameter<string>("cluster", NpgsqlDbType.Text) { TypedValue = clusterId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) =>
        CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        // Like Orleans' own tables: every entry that is not Active and was last touched (start, I-am-alive or a
        // suspicion vote) before the cut-off. The table version is left alone; these rows no longer matter to anyone.
        await using var command = Command(CleanupSql);
        command.Parameters.Add(new NpgsqlParameter<int>("active", NpgsqlDbType.Integer) { TypedValue = (int)SiloStatus.Active });
        command.Parameters.Add(new NpgsqlParameter<DateTime>("before", NpgsqlDbType.TimestampTz) { TypedValue = beforeDate.UtcDateTime });
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        LogCleanedUp(_clusterId, removed, beforeDate);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = Command(ReadRowSql);
        command.Parameters.Add(SiloParameter(key));
        return await ReadAsync(command, cancellationToken);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(ReadAllSql);
        return await ReadAsync(command, cancellationToken);
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!TryParseEtag(tableVersion.VersionEtag, out var versionEtag))
        {
            return false;
        }

        var change = new NpgsqlBatchCommand(InsertSql);
        AddEntryParameters(change.Parameters, entry);
        var ok = await ChangeAsync(tableVersion.Version, versionEtag, change, cancellationToken);
        LogChange("insert", _clusterId, entry.SiloAddress, entry.Status, tableVersion, ok);
        return ok;
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!TryParseEtag(tableVersion.VersionEtag, out var versionEtag) || !TryParseEtag(etag, out var rowEtag))
        {
            return false;
        }

        var change = new NpgsqlBatchCommand(UpdateSql);
        AddEntryParameters(change.Parameters, entry);
        change.Parameters.Add(new NpgsqlParameter<long>("row_etag", NpgsqlDbType.Bigint) { TypedValue = rowEtag });
        var ok = await ChangeAsync(tableVersion.Version, versionEtag, change, cancellationToken);
        LogChange("update", _clusterId, entry.SiloAddress, entry.Status, tableVersion, ok);
        return ok;
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = Command(IAmAliveSql);
        command.Parameters.Add(SiloParameter(entry.SiloAddress));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("i_am_alive_time", NpgsqlDbType.TimestampTz) { TypedValue = ToUtc(entry.IAmAliveTime) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the guarded table-version bump and <paramref name="change"/> in one transaction (one round trip for both,
    /// one for the commit or rollback) and keeps them only if each affected exactly one row.
    /// </summary>
    private async Task<bool> ChangeAsync(int newVersion, long versionEtag, NpgsqlBatchCommand change, CancellationToken cancellationToken)
    {
        change.Parameters.Add(ClusterParameter());
        var bump = new NpgsqlBatchCommand(BumpVersionSql)
        {
            Parameters =
            {
                ClusterParameter(),
                new NpgsqlParameter<int>("version", NpgsqlDbType.Integer) { TypedValue = newVersion },
                new NpgsqlParameter<long>("version_etag", NpgsqlDbType.Bigint) { TypedValue = versionEtag },
            },
        };

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { bump, change } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (bump.RecordsAffected == 1 && change.RecordsAffected == 1)
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        await transaction.RollbackAsync(cancellationToken);
        return false;
    }

    private static async Task<MembershipTableData> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<Tuple<MembershipEntry, string>>();
        TableVersion? version = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                version ??= new TableVersion(reader.GetInt32(0), FormatEtag(reader.GetInt64(1)));
                if (!reader.IsDBNull(2))
                {
                    entries.Add(Tuple.Create(ReadEntry(reader), FormatEtag(reader.GetInt64(3))));
                }
            }
        }

        // No version row means InitializeMembershipTable has not run for this cluster (or its entries were deleted):
        // report the initial version, which is what the first initialisation will create.
        return new MembershipTableData(entries, version ?? new TableVersion(0, FormatEtag(0)));
    }

    private static MembershipEntry ReadEntry(NpgsqlDataReader reader)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(reader.GetString(2)),
            Status = (SiloStatus)reader.GetInt32(4),
            ProxyPort = reader.GetInt32(5),
            HostName = reader.IsDBNull(6) ? null! : reader.GetString(6),
            SiloName = reader.IsDBNull(7) ? null! : reader.GetString(7),
            RoleName = reader.IsDBNull(8) ? null : reader.GetString(8),
            UpdateZone = reader.GetInt32(9),
            FaultZone = reader.GetInt32(10),
            StartTime = reader.GetFieldValue<DateTime>(11),
            IAmAliveTime = reader.GetFieldValue<DateTime>(12),
        };

        if (!reader.IsDBNull(13))
        {
            var silos = reader.GetFieldValue<string[]>(13);
            var times = reader.GetFieldValue<DateTime[]>(14);
            entry.SuspectTimes = new List<Tuple<SiloAddress, DateTime>>(silos.Length);
            for (var i = 0; i < silos.Length; i++)
            {
                entry.SuspectTimes.Add(Tuple.Create(SiloAddress.FromParsableString(silos[i]), times[i]));
            }
        }

        return entry;
    }

    private static void AddEntryParameters(NpgsqlParameterCollection parameters, MembershipEntry entry)
    {
        var startTime = ToUtc(entry.StartTime);
        var iAmAliveTime = ToUtc(entry.IAmAliveTime);
        var effective = startTime > iAmAliveTime ? startTime : iAmAliveTime;
        string[]? suspectSilos = null;
        DateTime[]? suspectTimes = null;
        if (entry.SuspectTimes is { } votes)
        {
            suspectSilos = new string[votes.Count];
            suspectTimes = new DateTime[votes.Count];
            for (var i = 0; i < votes.Count; i++)
            {
                suspectSilos[i] = votes[i].Item1.ToParsableString();
                suspectTimes[i] = ToUtc(votes[i].Item2);
                if (suspectTimes[i] > effective)
                {
                    effective = suspectTimes[i];
                }
            }
        }

        parameters.Add(SiloParameter(entry.SiloAddress));
        parameters.Add(new NpgsqlParameter<int>("status", NpgsqlDbType.Integer) { TypedValue = (int)entry.Status });
        parameters.Add(new NpgsqlParameter<int>("proxy_port", NpgsqlDbType.Integer) { TypedValue = entry.ProxyPort });
        parameters.Add(NullableText("host_name", entry.HostName));
        parameters.Add(NullableText("silo_name", entry.SiloName));
        parameters.Add(NullableText("role_name", entry.RoleName));
        parameters.Add(new NpgsqlParameter<int>("update_zone", NpgsqlDbType.Integer) { TypedValue = entry.UpdateZone });
        parameters.Add(new NpgsqlParameter<int>("fault_zone", NpgsqlDbType.Integer) { TypedValue = entry.FaultZone });
        parameters.Add(new NpgsqlParameter<DateTime>("start_time", NpgsqlDbType.TimestampTz) { TypedValue = startTime });
        parameters.Add(new NpgsqlParameter<DateTime>("i_am_alive_time", NpgsqlDbType.TimestampTz) { TypedValue = iAmAliveTime });
        parameters.Add(new NpgsqlParameter<DateTime>("effective_update_time", NpgsqlDbType.TimestampTz) { TypedValue = effective });
        parameters.Add(new NpgsqlParameter("suspect_silos", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)suspectSilos ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("suspect_times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = (object?)suspectTimes ?? DBNull.Value });
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(ClusterParameter());
        return command;
    }

    private NpgsqlParameter<string> ClusterParameter() => new("cluster", NpgsqlDbType.Text) { TypedValue = _clusterId };

    private static NpgsqlParameter<string> SiloParameter(SiloAddress silo) =>
        new("silo", NpgsqlDbType.Text) { TypedValue = silo.ToParsableString() };

    private static NpgsqlParameter NullableText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    /// <summary>
    /// Orleans keeps membership times in UTC but does not always mark them so; an unmarked time is taken as UTC
    /// (as Orleans itself does), because Npgsql only writes UTC-kind values to timestamptz.
    /// </summary>
    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static string FormatEtag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    // An ETag we did not issue can never match; failing the operation is the contract's answer to a stale ETag.
    private static bool TryParseEtag(string? etag, out long value) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership table of cluster {ClusterId} initialised (version row created: {Created})")]
    private partial void LogInitialized(string clusterId, bool created);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} in cluster {ClusterId} for {Silo} ({Status}) at table version {TableVersion}: {Succeeded}")]
    private partial void LogChange(string operation, string clusterId, SiloAddress silo, SiloStatus status, TableVersion tableVersion, bool succeeded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct membership entries of cluster {ClusterId} older than {Before}")]
    private partial void LogCleanedUp(string clusterId, int count, DateTimeOffset before);
}
