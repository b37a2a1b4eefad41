using Orleans.Storage;
using Spiderpool.Grains.Interfaces.Storage;
using Spiderpool.Grains.Persistence;
using Xunit;

namespace Spiderpool.Tests.Unit.Persistence;

public sealed class GuardedGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("workload", "ns/pod-a");

    [Fact]
    public async Task A_driver_exception_becomes_StorageUnavailableException_with_the_operation_and_the_cause()
    {
        var guarded = new GuardedGrainStorage("spiderpool-state-backend", new FailingStorage(new DriverException("57P01: terminating connection due to administrator command")));

        var read = await Assert.ThrowsAsync<StorageUnavailableException>(() => guarded.ReadStateAsync("workload", Grain, new GrainState<object>()));
        var write = await Assert.ThrowsAsync<StorageUnavailableException>(() => guarded.WriteStateAsync("workload", Grain, new GrainState<object>()));
        var clear = await Assert.ThrowsAsync<StorageUnavailableException>(() => guarded.ClearStateAsync("workload", Grain, new GrainState<object>(), CancellationToken.None));

        Assert.Equal("grain storage 'spiderpool-state-backend': reading workload of workload/ns/pod-a failed: DriverException: 57P01: terminating connection due to administrator command", read.Message);
        Assert.StartsWith("grain storage 'spiderpool-state-backend': writing workload of workload/ns/pod-a failed: DriverException", write.Message, StringComparison.Ordinal);
        Assert.StartsWith("grain storage 'spiderpool-state-backend': clearing workload", clear.Message, StringComparison.Ordinal);
        Assert.Null(read.InnerException);
    }

    [Fact]
    public async Task An_etag_conflict_passes_through_unchanged()
    {
        var conflict = new InconsistentStateException("stale", "2", "1");
        var guarded = new GuardedGrainStorage("backend", new FailingStorage(conflict));

        var thrown = await Assert.ThrowsAsync<InconsistentStateException>(() => guarded.WriteStateAsync("workload", Grain, new GrainState<object>()));

        Assert.Same(conflict, thrown);
    }

    [Fact]
    public void The_cause_chain_is_kept_as_text()
    {
        var error = StorageUnavailableException.From("pool 'a': loading it failed", new IOException("outer", new DriverException("inner")));

        Assert.Equal("pool 'a': loading it failed: IOException: outer ← DriverException: inner", error.Message);
    }

    private sealed class DriverException(string message) : Exception(message);

    private sealed class FailingStorage(Exception error) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(error);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(error);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(error);
    }
}
