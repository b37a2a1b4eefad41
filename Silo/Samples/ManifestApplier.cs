using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Reserved;

namespace Spiderpool.Silo.Samples;

/// <summary>
/// Applies SpiderIPPool and SpiderReservedIP manifests to the grains: how pools get into a cluster that runs without
/// Kubernetes (the embedded demo, a NodeHost with --embedded and a manifests folder).
/// </summary>
public static class ManifestApplier
{
    /// <summary>Creates or updates every pool, then registers every SpiderReservedIP (which reaches all pools of its family). Returns one line per step.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(IGrainFactory grains, SampleManifests manifests)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(manifests);
        var lines = new List<string>();
        foreach (var (name, spec) in manifests.Pools)
        {
            var result = await grains.GetGrain<IIPPoolGrain>(name).SetSpecAsync(spec);
            if (result.Accepted)
            {
                lines.Add($"pool {name,-10} {spec.Subnet,-18} {result.TotalIpCount} usable addresses");
            }
            else
            {
                lines.Add($"pool {name,-10} REJECTED: {result.Error}");
            }
        }

        var registry = grains.GetGrain<IReservedIpGrain>(IReservedIpGrain.Key);
        foreach (var (name, ipVersion, ips) in manifests.ReservedIps)
        {
            var result = await registry.SetAsync(name, ipVersion, ips);
            lines.Add(result.Accepted
                ? $"reserved {name}: {string.Join(", ", ips)}{(result.AlreadyHeld.Count > 0 ? $" (already held, kept by their pods: {string.Join(", ", result.AlreadyHeld.Select(h => h.Address))})" : "")}"
                : $"reserved {name} REJECTED: {result.Error}");
        }

        return lines;
    }
}
