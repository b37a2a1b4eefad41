using Microsoft.Extensions.Options;
using Spiderpool.NodeHost.Api;

namespace Spiderpool.NodeHost.Hosting;

/// <summary>
/// Releases the DELs recorded in the DEL journal: at start (every second until all are released, ADDs wait for
/// that), then every <see cref="NodeHostOptions.DelJournalRescanInterval"/> for entries a plugin wrote while this
/// NodeHost was starting or the cluster was away.
/// </summary>
internal sealed class DelJournalReplayer(IpamService ipam, IOptions<NodeHostOptions> options) : BackgroundService
{
    private static readonly TimeSpan StartRetry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await ipam.ReplayJournalAsync(stoppingToken) > 0)
        {
            await Task.Delay(StartRetry, stoppingToken);
        }

        using var timer = new PeriodicTimer(options.Value.DelJournalRescanInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ipam.ReplayJournalAsync(stoppingToken);
        }
    }
}
