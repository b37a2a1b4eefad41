using Orleans.Storage;

namespace Spiderpool.Tests.Cluster.Infrastructure;

/// <summary>
/// Grain storage that passes everything to the real one, except the operations a test arms it to break, for one grain
/// key: a write or clear that is lost (nothing stored, error reported), one that lands but whose answer is lost
/// (stored, error reported), or a read that fails. The faults of a real database restart, on demand.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, FaultyGrainStorage.Faults faults) : IGrainStorage
{
    public enum Operation
    {
        Read,
        Write,
        Clear,
    }

    public enum Fault
    {
        /// <summary>Nothing reaches storage; the caller gets an error.</summary>
        Lose,

        /// <summary>The change is stored; the caller gets an error anyway.</summary>
        LoseAnswer,
    }

    /// <summary>The armed faults, shared by every silo of a test cluster.</summary>
    public sealed class Faults
    {
        private readonly Lock gate = new();
        private readonly List<(string Key, Operation Operation, Fault Fault)> armed = [];

        /// <summary>Breaks the next <paramref name="operation"/> on the grain whose key is <paramref name="grainKey"/>.</summary>
        public void Arm(string grainKey, Operation operation, Fault fault = Fault.Lose)
        {
            lock (gate)
            {
                armed.Add((grainKey, operation, fault));
            }
        }

        /// <summary>How many armed faults have not fired yet.</summary>
        public int Pending
        {
            get
            {
                lock (gate)
                {
                    return armed.Count;
                }
            }
        }

        internal Fault? Take(GrainId grainId, Operation operation)
        {
            var key = grainId.Key.ToString();
            lock (gate)
            {
                var index = armed.FindIndex(a => a.Key == key && a.Operation == operation);
                if (index < 0)
                {
                    return null;
                }

                var fault = armed[index].Fault;
                armed.RemoveAt(index);
                return fault;
            }
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.Take(grainId, Operation.Read) is not null)
        {
            throw new InjectedStorageException($"injected: reading {stateName} of {grainId} failed");
        }

        await inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ChangeAsync(Operation.Write, stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ChangeAsync(Operation.Clear, stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task ChangeAsync(Operation operation, string stateName, GrainId grainId, Func<Task> change)
    {
        switch (faults.Take(grainId, operation))
        {
            case Fault.Lose:
                throw new InjectedStorageException($"injected: {operation} of {stateName} for {grainId} lost");
            case Fault.LoseAnswer:
                await change();
                throw new InjectedStorageException($"injected: {operation} of {stateName} for {grainId} landed but its answer was lost");
            default:
                await change();
                break;
        }
    }

    /// <summary>Like a database driver's exceptions, it has no Orleans codec: it must not be what crosses a grain call.</summary>
    private sealed class InjectedStorageException(string message) : Exception(message);
}
