using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Spiderpool.Grains;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Hosting;

namespace Spiderpool.Tests.Cluster.Infrastructure;

/// <summary>
/// An in-process Orleans cluster (two silos by default) over storage that outlives it, so tests can restart the
/// whole cluster. The grains' clock is a <see cref="FakeTimeProvider"/> the test moves; Orleans keeps its own clock.
/// </summary>
public sealed class ClusterHarness(IPoolStore poolStore, Action<ISiloBuilder> addWorkloadStorage, short silos = 2) : IAsyncDisposable
{
    private readonly string serviceId = "spiderpool-test-" + Guid.NewGuid().ToString("N")[..8];
    private InProcessTestCluster? cluster;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public FaultyPoolStore Store { get; } = new(poolStore);

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("the cluster is not started");

    public IGrainFactory Grains => Cluster.Client;

    public async Task StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(silos);
        // Stored grain state is keyed by service id: it must stay the same across a restart, as in production.
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IPoolStore>(Store);
            silo.Services.AddKeyedSingleton<TimeProvider>(SpiderpoolClock.Key, Clock);
            addWorkloadStorage(silo);
            silo.AddSpiderpoolGrainServices();
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    /// <summary>Stops every silo and starts a new cluster on the same storage: nothing survives but what was stored.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            cluster = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
