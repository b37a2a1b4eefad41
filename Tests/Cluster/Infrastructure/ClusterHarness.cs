using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Spiderpool.Grains;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Hosting;

namespace Spiderpool.Tests.Cluster.Infrastructure;

/// <summary>
/// An in-process Orleans cluster (two silos by default) over storage that outlives it, so tests can restart the
/// whole cluster. The grains' clock is a <see cref="FakeTimeProvider"/> the test moves; Orleans keeps its own clock.
/// Both storages can be told to fail: <see cref="Store"/> (pools) and <see cref="GrainStorageFaults"/> (workloads,
/// nodes and the other grain state). <paramref name="addGrainStorage"/> registers the real grain storage under the
/// name it is given; the harness puts the fault injector and the production guard in front of it.
/// </summary>
public sealed class ClusterHarness(IPoolStore poolStore, Action<ISiloBuilder, string> addGrainStorage, short silos = 2) : IAsyncDisposable
{
    private const string BackendGrainStorage = "backend-" + StorageNames.GrainState;
    private const string FaultyGrainStorageName = "faulty-" + StorageNames.GrainState;

    private readonly string serviceId = "spiderpool-test-" + Guid.NewGuid().ToString("N")[..8];
    private InProcessTestCluster? cluster;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public FaultyPoolStore Store { get; } = new(poolStore);

    public FaultyGrainStorage.Faults GrainStorageFaults { get; } = new();

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
            // As in production: the guard in front of the backend, here with the fault injector in between.
            addGrainStorage(silo, BackendGrainStorage);
            silo.Services.AddGrainStorage(FaultyGrainStorageName, (sp, _) =>
                new FaultyGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(BackendGrainStorage), GrainStorageFaults));
            silo.Services.AddGuardedGrainStorage(StorageNames.GrainState, FaultyGrainStorageName);
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
