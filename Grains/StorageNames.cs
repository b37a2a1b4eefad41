namespace Spiderpool.Grains;

/// <summary>Names of the Orleans grain storage providers the grains use; the silo host registers them.</summary>
public static class StorageNames
{
    /// <summary>Small per-grain records: workloads (pod side of allocations) and nodes.</summary>
    public const string GrainState = "spiderpool-state";

    /// <summary>
    /// The database provider behind <see cref="GrainState"/>, which stands in front of it as a
    /// <see cref="Persistence.GuardedGrainStorage"/> (the provider name is not part of what is stored).
    /// </summary>
    public const string GrainStateBackend = "spiderpool-state-backend";
}
