using Spiderpool.Crds;
using Spiderpool.Grains.Interfaces.Pools;
using GrainSelector = Spiderpool.Grains.Interfaces.Selection.LabelSelector;
using GrainSelectorRequirement = Spiderpool.Grains.Interfaces.Selection.LabelSelectorRequirement;

namespace Spiderpool.Silo.Crds;

/// <summary>
/// The one translation from CRD objects to what the grains accept, for every source of CRDs (the manifests folder
/// now, a Kubernetes mirror later). It lives in Silo because it needs both sides: the Crds project stays free of
/// Orleans and Grains.Interfaces holds only contracts. It checks nothing; the pool grain validates the result and
/// its errors name the CRD fields.
/// </summary>
public static class CrdMapping
{
    /// <summary>
    /// Every spec field and the metadata labels (auto-created pools carry their owner there). Metadata annotations
    /// have no meaning to a hand-made pool (spec §2.5 lists only SpiderSubnet's), and status is Spiderpool's own.
    /// </summary>
    public static PoolSpec ToPoolSpec(SpiderIPPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var spec = pool.Spec;
        return new PoolSpec
        {
            IpVersion = IpVersion(spec.IpVersion),
            Subnet = spec.Subnet,
            Ips = spec.Ips ?? [],
            ExcludeIps = spec.ExcludeIps ?? [],
            Gateway = spec.Gateway,
            Routes = spec.Routes?.Select(r => new PoolRoute(r.Dst, r.Gw)).ToList() ?? [],
            Disable = spec.Disable ?? false,
            Default = spec.Default ?? false,
            PodAffinity = Selector(spec.PodAffinity),
            NamespaceAffinity = Selector(spec.NamespaceAffinity),
            NamespaceName = spec.NamespaceName ?? [],
            NodeAffinity = Selector(spec.NodeAffinity),
            NodeName = spec.NodeName ?? [],
            MultusName = spec.MultusName ?? [],
            Labels = pool.Metadata.Labels ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>What <c>IReservedIpGrain.SetAsync</c> takes for this object.</summary>
    public static ReservedIpSet ToReservedIpSet(SpiderReservedIP reserved)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        return new ReservedIpSet(reserved.Metadata.Name ?? "", IpVersion(reserved.Spec.IpVersion), reserved.Spec.Ips ?? []);
    }

    /// <summary>
    /// Absent is 0 ("infer"), as the grains expect. The CRD schema allows only 4 and 6, so a value outside int
    /// cannot come from the API server; it is saturated rather than wrapped so the grain's error shows a wrong value.
    /// </summary>
    private static int IpVersion(long? version) => version is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : 0;

    /// <summary>Absent stays null ("no constraint"); an empty selector stays empty (validation rejects it, rule 8).</summary>
    private static GrainSelector? Selector(LabelSelector? selector) => selector is null
        ? null
        : new GrainSelector
        {
            MatchLabels = selector.MatchLabels ?? new Dictionary<string, string>(),
            MatchExpressions = selector.MatchExpressions?
                .Select(e => new GrainSelectorRequirement { Key = e.Key, Operator = e.Operator, Values = e.Values ?? [] })
                .ToList() ?? [],
        };
}
