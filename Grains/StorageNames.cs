namespace Spiderpool.Grains;

/// <summary>Names of the Orleans grain storage providers the grains use; the silo host registers them.</summary>
public static class StorageNames
{
    public const string Workloads = "workloads";
}
