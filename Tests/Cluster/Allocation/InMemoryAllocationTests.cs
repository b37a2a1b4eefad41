using Spiderpool.Tests.Cluster.Infrastructure;

namespace Spiderpool.Tests.Cluster.Allocation;

/// <summary>The allocation suite on in-memory storage that outlives the silos.</summary>
public sealed class InMemoryAllocationTests : AllocationSuite
{
    protected override ClusterHarness CreateHarness() => InMemoryStorage.CreateHarness();
}
