using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Spec §3.5: more specific pools first — has podAffinity, then non-empty nodeName, nodeAffinity, non-empty
/// namespaceName, namespaceAffinity, non-empty multusName; a pool having the property sorts before one lacking it and
/// the first difference decides. Upstream leaves equally specific pools in arbitrary order (§9 #5); here the sort is
/// stable, so ties keep the order they were given in: the user's list order, with wildcard matches and cluster default
/// pools in ordinal name order at their position.
/// </summary>
internal static class CandidateOrder
{
    public static IReadOnlyList<PoolIndexEntry> Sort(IEnumerable<PoolIndexEntry> pools) =>
        pools.OrderBy(Specificity).ToList(); // Enumerable.OrderBy is a stable sort.

    /// <summary>Lower sorts first: each missing property adds its weight, the earlier the property the heavier.</summary>
    internal static int Specificity(PoolIndexEntry pool) =>
        (pool.PodAffinity is null ? 32 : 0)
        + (pool.NodeName.Count == 0 ? 16 : 0)
        + (pool.NodeAffinity is null ? 8 : 0)
        + (pool.NamespaceName.Count == 0 ? 4 : 0)
        + (pool.NamespaceAffinity is null ? 2 : 0)
        + (pool.MultusName.Count == 0 ? 1 : 0);
}
