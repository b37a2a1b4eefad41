using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Options;
using Spiderpool.Grains.Interfaces.Nodes;

namespace Spiderpool.NodeHost.Hosting;

/// <summary>
/// Registers this node with its node grain once the cluster is reachable, then reports on a heartbeat; registers
/// again whenever the grain has lost the registration (it was reactivated elsewhere).
/// </summary>
internal sealed partial class NodeRegistrar(
    ClusterConnection connection,
    IOptions<NodeHostOptions> options,
    ILogger<NodeRegistrar> logger) : BackgroundService
{
    private readonly NodeObserver observer = new();
    private INodeObserver? observerReference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // Register as soon as the cluster is reachable, not one heartbeat interval later.
        await connection.WhenConnectedAsync(stoppingToken);
        using var timer = new PeriodicTimer(settings.HeartbeatInterval);
        var registered = false;
        do
        {
            if (connection.Grains is not { } grains)
            {
                continue;
            }

            try
            {
                var node = grains.GetGrain<INodeGrain>(settings.NodeName);
                if (!registered || !await node.HeartbeatAsync())
                {
                    observerReference ??= grains.CreateObjectReference<INodeObserver>(observer);
                    await node.RegisterAsync(Registration(settings), observerReference);
                    registered = true;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                registered = false;
                LogHeartbeatFailed(settings.NodeName, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static NodeRegistration Registration(NodeHostOptions settings) => new()
    {
        Labels = settings.NodeLabels,
        Addresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.Address.IsIPv6LinkLocal)
            .Select(a => a.Address.ToString())
            .Order(StringComparer.Ordinal)
            .ToList(),
        PluginVersion = typeof(NodeRegistrar).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
        HostVersion = Environment.Version.ToString(),
        HeartbeatInterval = settings.HeartbeatInterval,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: reporting to the cluster failed: {Error}")]
    private partial void LogHeartbeatFailed(string node, string error);
}
