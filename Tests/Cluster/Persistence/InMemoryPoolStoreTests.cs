using Spiderpool.Grains.Persistence;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Persistence;

public sealed class InMemoryPoolStoreTests(ITestOutputHelper output) : PoolStoreContract(output)
{
    private readonly InMemoryPoolStore _store = new();

    protected override Task<IPoolStore> StoreAsync() => Task.FromResult<IPoolStore>(_store);
}
