using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Spiderpool.Silo.Postgres;

namespace Spiderpool.NodeHost.Hosting;

/// <summary>
/// The daemon's way to the grains. Embedded: the silo in this process. Otherwise an Orleans client, connected in the
/// background and reconnected until it works, so the unix socket is served from the first second: while there is no
/// connection, CNI calls are answered "try again later" (CNI code 11) instead of hanging.
/// </summary>
internal sealed partial class ClusterConnection(IOptions<NodeHostOptions> options, IServiceProvider services, ILogger<ClusterConnection> logger)
    : BackgroundService
{
    private volatile IGrainFactory? grains;
    private volatile CancellationTokenSource gatewayLost = new();
    private IHost? clientHost;

    /// <summary>The grain factory, or null while not connected.</summary>
    public IGrainFactory? Grains => grains;

    /// <summary>
    /// Cancelled when a gateway connection is lost. A call in flight through a silo that died would otherwise wait for
    /// Orleans' response timeout (30 s) before it fails; with this, callers give up at once and answer "try again
    /// later" (their retry is idempotent). Orleans does not say which gateway a call went through, so every call in
    /// flight ends, also those through a gateway that is still up: a spurious retry, never a wrong answer. A silo
    /// that stops answering without closing its connections (power loss, partition) is still only noticed by the
    /// timeouts.
    /// </summary>
    public CancellationToken GatewayLost => gatewayLost.Token;

    private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first connection is made (at once when embedded).</summary>
    public Task WhenConnectedAsync(CancellationToken cancellationToken) => connected.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Embedded)
        {
            Publish(services.GetRequiredService<IGrainFactory>());
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var host = BuildClientHost(settings);
            try
            {
                await host.StartAsync(stoppingToken);
                clientHost = host;
                LogConnected(settings.ClusterId);
                Publish(host.Services.GetRequiredService<IClusterClient>());
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogConnectFailed(settings.ClusterId, ex.Message);
                host.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (clientHost is not null)
        {
            await clientHost.StopAsync(cancellationToken);
            clientHost.Dispose();
        }
    }

    private void Publish(IGrainFactory factory)
    {
        grains = factory;
        connected.TrySetResult();
    }

    private void OnGatewayCountChanged(object? sender, GatewayCountChangedEventArgs e)
    {
        if (e.NumberOfConnectedGateways < e.PreviousNumberOfConnectedGateways)
        {
            LogGatewayLost(e.PreviousNumberOfConnectedGateways, e.NumberOfConnectedGateways);

            // Not disposed: a caller may be linking to its token right now; it holds no timer, so GC is enough.
            Interlocked.Exchange(ref gatewayLost, new CancellationTokenSource()).Cancel();
        }
    }

    private IHost BuildClientHost(NodeHostOptions settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (!string.IsNullOrWhiteSpace(settings.PostgresConnectionString))
            {
                client.UsePostgresClustering(o => o.ConnectionString = settings.PostgresConnectionString);
            }
            else
            {
                var endpoints = settings.Gateways
                    .Select(g => NodeHostOptionsValidator.TryParseGateway(g, out var endpoint) ? endpoint! : throw new InvalidOperationException($"NodeHost:Gateways entry '{g}' is not host:port"))
                    .ToArray();
                client.UseStaticClustering(endpoints);
            }

            // One attempt per start; the loop above retries, so the host never blocks the socket API.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            client.AddGatewayCountChangedHandler(OnGatewayCountChanged);
        });
        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to cluster {ClusterId}")]
    private partial void LogConnected(string clusterId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost a silo gateway ({Before} -> {After} connected); calls in flight answer 'try again later'")]
    private partial void LogGatewayLost(int before, int after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach cluster {ClusterId} yet ({Error}); CNI calls get 'try again later' until it answers")]
    private partial void LogConnectFailed(string clusterId, string error);
}
