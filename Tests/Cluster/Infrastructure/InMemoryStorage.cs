using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Tests.Cluster.Infrastructure;

/// <summary>Storage for a test cluster that lives in the test process, outside the silos.</summary>
public static class InMemoryStorage
{
    public static ClusterHarness CreateHarness(short silos = 2)
    {
        var table = new SharedMemoryGrainStorage.Table();
        return new ClusterHarness(
            new InMemoryPoolStore(),
            (silo, name) => silo.Services.AddGrainStorage(name, (sp, _) => new SharedMemoryGrainStorage(table, sp.GetRequiredService<DeepCopier>())),
            silos);
    }
}
