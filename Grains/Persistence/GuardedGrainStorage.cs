using Orleans.Storage;
using Spiderpool.Grains.Interfaces.Storage;

namespace Spiderpool.Grains.Persistence;

/// <summary>
/// Stands in front of a grain storage provider and turns its failures into <see cref="StorageUnavailableException"/>,
/// which carries the cause as text. A driver's exception (Npgsql's, Azure's) has no Orleans codec: a failed read
/// while a grain activates reached the calling silo as "could not find a codec for type Npgsql.PostgresException",
/// losing what went wrong. An ETag conflict stays an <see cref="InconsistentStateException"/> (Orleans can carry it).
/// </summary>
public sealed class GuardedGrainStorage(string name, IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("reading", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        GuardAsync("reading", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("writing", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        GuardAsync("writing", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("clearing", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        GuardAsync("clearing", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken));

    private async Task GuardAsync(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not InconsistentStateException and not StorageUnavailableException and not OperationCanceledException)
        {
            throw StorageUnavailableException.From($"grain storage '{name}': {operation} {stateName} of {grainId} failed", ex);
        }
    }
}
