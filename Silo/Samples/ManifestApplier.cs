using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Reserved;

namespace Spiderpool.Silo.Samples;

/// <summary>
/// Applies SpiderIPPool and SpiderReservedIP manifests to the grains: how pools get into a cluster that runs without
/// Kubernetes (the embedded demo, a silo or NodeHost --embedded with <c>Spiderpool:ManifestsDirectory</c>). Each call
/// is idempotent, so applying the same manifests again (another silo, a retry after a failed call) changes nothing.
/// </summary>
public static class ManifestApplier
{
    /// <summary>
    /// Creates or updates every pool, then registers every SpiderReservedIP (which reaches all pools of its family).
    /// A rejection does not stop the others; grain call failures propagate.
    /// </summary>
    public static async Task<IReadOnlyList<ManifestStep>> ApplyAsync(IGrainFactory grains, SampleManifests manifests)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(manifests);
        var steps = new List<ManifestStep>();
        foreach (var (name, spec, source) in manifests.Pools)
        {
            var result = await grains.GetGrain<IIPPoolGrain>(name).SetSpecAsync(spec);
            steps.Add(result.Accepted
                ? new ManifestStep($"pool {name,-10} {spec.Subnet,-18} {result.TotalIpCount} usable addresses")
                : new ManifestStep($"pool {name,-10} REJECTED: {result.Error}", $"{source} (SpiderIPPool '{name}'): rejected: {result.Error}"));
        }

        var registry = grains.GetGrain<IReservedIpGrain>(IReservedIpGrain.Key);
        foreach (var ((name, ipVersion, ips), source) in manifests.ReservedIps)
        {
            var result = await registry.SetAsync(name, ipVersion, ips);
            steps.Add(result.Accepted
                ? new ManifestStep($"reserved {name}: {string.Join(", ", ips)}{(result.AlreadyHeld.Count > 0 ? $" (already held, kept by their pods: {string.Join(", ", result.AlreadyHeld.Select(h => h.Address))})" : "")}")
                : new ManifestStep($"reserved {name} REJECTED: {result.Error}", $"{source} (SpiderReservedIP '{name}'): rejected: {result.Error}"));
        }

        return steps;
    }
}
