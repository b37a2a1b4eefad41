using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// Gives Orleans clients the gateways of their cluster from <c>spiderpool_membership</c>: the Active silos that
/// listen for clients (proxy port &gt; 0).
/// </summary>
public sealed partial class PostgresGatewayListProvider : IGatewayListProvider
{
    private const string GatewaysSql = """
        SELECT silo, proxy_port FROM spiderpool_membership
        WHERE cluster_id = @cluster AND status = @active AND proxy_port > 0
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly ILogger<PostgresGatewayListProvider> _logger;

    public PostgresGatewayListProvider(
        PostgresDataSources dataSources,
        IOptions<PostgresClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<GatewayOptions> gatewayOptions,
        ILogger<PostgresGatewayListProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        PostgresSettings.ValidateConnectionString(options.Value.ConnectionString, "PostgreSQL clustering");
        _clusterId = string.IsNullOrEmpty(clusterOptions.Value.ClusterId)
            ? throw new OrleansConfigurationException("PostgreSQL clustering: ClusterOptions.ClusterId is empty; set Orleans:ClusterId to the silos' cluster id")
            : clusterOptions.Value.ClusterId;
        _dataSource = dataSources.Get(options.Value.ConnectionString!);
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public TimeSpan MaxStaleness { get; }

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var gateways = new List<Uri>();
        try
        {
            await using var command = _dataSource.CreateCommand(GatewaysSql);
            command.Parameters.Add(new NpgsqlParameter<string>("cluster", NpgsqlDbType.Text) { TypedValue = _clusterId });
            command.Parameters.Add(new NpgsqlParameter<int>("active", NpgsqlDbType.Integer) { TypedValue = (int)SiloStatus.Active });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var silo = SiloAddress.FromParsableString(reader.GetString(0));
                gateways.Add(SiloAddress.New(silo.Endpoint.Address, reader.GetInt32(1), silo.Generation).ToGatewayUri());
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A client may start before any silo has created the schema; that is simply "no gateways yet".
            LogNoSchema(_clusterId);
        }

        return gateways;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No gateways for cluster {ClusterId}: the membership tables do not exist yet (no silo has started against this database)")]
    private partial void LogNoSchema(string clusterId);
}
