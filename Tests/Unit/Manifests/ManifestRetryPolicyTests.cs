using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Silo.Hosting;
using Spiderpool.Silo.Manifests;
using Xunit;

namespace Spiderpool.Tests.Unit.Manifests;

public sealed class ManifestRetryPolicyTests
{
    [Fact]
    public void DelayAfter_ConsecutiveFailures_DoublesFromTheFirstDelayUpToTheCap()
    {
        var policy = new ManifestRetryPolicy { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(
            [1, 2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 7).Select(n => policy.DelayAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(int.MaxValue));
    }

    public static TheoryData<Exception> Transient() =>
    [
        new SiloUnavailableException("silo S1 is dead"),
        new TimeoutException("response did not arrive on time"),
        new PoolUnavailableException("storage write failed"),
        new Spiderpool.Grains.Interfaces.Storage.StorageUnavailableException("grain storage: reading workload failed: PostgresException: 57P01"),
        new Orleans.Storage.InconsistentStateException("etag mismatch"),
        new IOException("connection reset"),
        new OrleansException("grain directory lookup failed"),
        new InvalidOperationException("wrapped", new TimeoutException("inner")),
        new AggregateException(new TimeoutException("a"), new SiloUnavailableException("b")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void IsTransient_ClusterOrStorageFailure_IsRetried(Exception failure) =>
        Assert.True(ManifestRetryPolicy.IsTransient(failure));

    public static TheoryData<Exception> Permanent() =>
    [
        new InvalidManifestException(["pools.yaml:3: document 1 (SpiderIPPool 'p'): rejected: spec.subnet is not canonical"]),
        new ArgumentException("a bug"),
        new NullReferenceException(),
        new AggregateException(new TimeoutException("a"), new InvalidManifestException("b")),
    ];

    [Theory]
    [MemberData(nameof(Permanent))]
    public void IsTransient_InvalidManifestOrBug_IsNotRetried(Exception failure) =>
        Assert.False(ManifestRetryPolicy.IsTransient(failure));
}
