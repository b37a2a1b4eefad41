using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spiderpool.Grains;
using Spiderpool.Grains.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Hosting;

/// <summary>
/// Every <see cref="AllocatorOptions.SweepInterval"/>, asks each stored pool to free addresses that no workload
/// references (left by a crash between reserving and recording). Each silo runs it; a sweep is idempotent, so two
/// silos sweeping the same pool cost a little work and nothing else.
/// </summary>
internal sealed partial class ConsistencySweeper(
    IGrainFactory grains,
    IPoolStore store,
    IOptions<AllocatorOptions> options,
    [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time,
    ILogger<ConsistencySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.SweepInterval == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepAllAsync(settings.SweepGrace, stoppingToken);
        }
    }

    public async Task<int> SweepAllAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var freed = 0;
        IReadOnlyList<string> pools;
        try
        {
            pools = await store.ListPoolsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogListFailed(ex);
            return 0;
        }

        foreach (var pool in pools)
        {
            try
            {
                var result = await grains.GetGrain<IIPPoolGrain>(pool).SweepAsync(grace);
                freed += result.Released.Count;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(pool, ex);
            }
        }

        return freed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consistency sweep could not list pools")]
    private partial void LogListFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consistency sweep of pool {Pool} failed")]
    private partial void LogSweepFailed(string pool, Exception exception);
}
