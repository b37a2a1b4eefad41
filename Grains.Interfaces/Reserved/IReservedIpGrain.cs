namespace Spiderpool.Grains.Interfaces.Reserved;

/// <summary>
/// All SpiderReservedIP objects (spec §1.3): per family, the union of their ranges is a deny-list for every pool of
/// that family. Key: "cluster". Pools get the union pushed when it changes and ask for it when they are created.
/// </summary>
[Alias("spiderpool.IReservedIpGrain")]
public interface IReservedIpGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Creates or replaces SpiderReservedIP <paramref name="name"/>; <paramref name="ipVersion"/> 0 = infer from the first entry.</summary>
    [Alias("Set")]
    Task<ReservedIpResult> SetAsync(string name, int ipVersion, IReadOnlyList<string> ips);

    [Alias("Delete")]
    Task<ReservedIpResult> DeleteAsync(string name);

    /// <summary>The union of reserved ranges of a family, normalised.</summary>
    [Alias("GetRanges"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<string>> GetRangesAsync(int ipVersion);
}
