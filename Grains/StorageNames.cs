namespace Spiderpool.Grains;

/// <summary>Names of the Orleans grain storage providers the grains use; the silo host registers them.</summary>
public static class StorageNames
{
    /// <summary>Small per-grain records: workloads (pod side of allocations) and nodes.</summary>
    public const string GrainState = "spiderpool-state";
}
