using Spiderpool.Grains.Interfaces.Pools;

namespace Spiderpool.Silo.Samples;

/// <summary>
/// Applies SpiderIPPool and SpiderReservedIP manifests to the grains: how pools get into a cluster that runs without
/// Kubernetes (the embedded demo, a NodeHost with --embedded and a manifests folder).
/// </summary>
public static class ManifestApplier
{
    /// <summary>Creates or updates every pool, then gives each pool the reserved ranges of its family. Returns one line per step.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(IGrainFactory grains, SampleManifests manifests)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(manifests);
        var lines = new List<string>();
        var families = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, spec) in manifests.Pools)
        {
            var result = await grains.GetGrain<IIPPoolGrain>(name).SetSpecAsync(spec);
            if (result.Accepted)
            {
                families[name] = (await grains.GetGrain<IIPPoolGrain>(name).GetStatusAsync()).Spec!.IpVersion;
                lines.Add($"pool {name,-10} {spec.Subnet,-18} {result.TotalIpCount} usable addresses");
            }
            else
            {
                lines.Add($"pool {name,-10} REJECTED: {result.Error}");
            }
        }

        foreach (var family in manifests.ReservedIps.GroupBy(r => r.IpVersion))
        {
            var ranges = family.SelectMany(r => r.Ips).ToList();
            foreach (var pool in families.Where(f => f.Value == family.Key).Select(f => f.Key))
            {
                var result = await grains.GetGrain<IIPPoolGrain>(pool).SetReservedAsync(ranges);
                if (!result.Accepted)
                {
                    lines.Add($"reserved IPs for {pool} REJECTED: {result.Error}");
                }
            }

            lines.Add($"reserved IPv{family.Key}: {string.Join(", ", ranges)}");
        }

        return lines;
    }
}
