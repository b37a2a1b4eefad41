using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// The per-pool, per-NIC, per-family filters of spec §3.4, in upstream's order; the first that fails names the
/// reason. Pool exhaustion is not a filter (the allocator moves on to the next candidate).
/// </summary>
internal static class CandidateFilter
{
    /// <summary>Null when <paramref name="pool"/> may serve <paramref name="family"/> on <paramref name="ifName"/>, otherwise why not.</summary>
    public static string? Reject(PoolIndexEntry pool, IpFamily family, string ifName, NicNetwork network, PodContext pod, TopController top, SelectionSettings settings)
    {
        if (pool.Terminating)
        {
            return "the IPPool is terminating";
        }

        if (pool.Disable)
        {
            return "the IPPool is disabled (spec.disable: true)";
        }

        if (pool.Family != family)
        {
            return pool.Family is IpFamily.V4 or IpFamily.V6
                ? $"the IPPool is {AnnotationParser.FamilyName(pool.Family)}, not {AnnotationParser.FamilyName(family)}"
                : "the IPPool has no valid spec.ipVersion";
        }

        return RejectByNode(pool, pod)
            ?? RejectByNamespace(pool, pod)
            ?? RejectByPod(pool, pod, top)
            ?? RejectByMultus(pool, ifName, network, settings)
            ?? (pod.Ipam.MatchMasterSubnet
                ? "match_master_subnet is set in the CNI configuration, but matching the SR-IOV PF's subnet is not supported on this node"
                : null);
    }

    private static string? RejectByNode(PoolIndexEntry pool, PodContext pod)
    {
        // A non-empty nodeName replaces nodeAffinity (spec §1.1.1).
        if (pool.NodeName.Count > 0)
        {
            return pool.NodeName.Contains(pod.NodeName, StringComparer.Ordinal)
                ? null
                : $"node '{pod.NodeName}' is not in spec.nodeName [{string.Join(", ", pool.NodeName)}]";
        }

        return pool.NodeAffinity is null ? null : RejectBySelector(pool.NodeAffinity, "spec.nodeAffinity", pod.NodeLabels, $"the labels of node '{pod.NodeName}'");
    }

    private static string? RejectByNamespace(PoolIndexEntry pool, PodContext pod)
    {
        if (pool.NamespaceName.Count > 0)
        {
            return pool.NamespaceName.Contains(pod.PodNamespace, StringComparer.Ordinal)
                ? null
                : $"namespace '{pod.PodNamespace}' is not in spec.namespaceName [{string.Join(", ", pool.NamespaceName)}]";
        }

        return pool.NamespaceAffinity is null ? null : RejectBySelector(pool.NamespaceAffinity, "spec.namespaceAffinity", pod.NamespaceLabels, $"the labels of namespace '{pod.PodNamespace}'");
    }

    private static string? RejectByPod(PoolIndexEntry pool, PodContext pod, TopController top)
    {
        if (pool.PodAffinity is null)
        {
            return null;
        }

        if (!pool.Labels.ContainsKey(AnnotationKeys.OwnerApplicationName))
        {
            return RejectBySelector(pool.PodAffinity, "spec.podAffinity", pod.PodLabels, "the Pod's labels");
        }

        // An auto-created pool serves exactly one application: its five app-* labels must be the pod's top controller.
        var labels = pool.PodAffinity.MatchLabels;
        string Get(string key) => labels.TryGetValue(key, out var value) ? value : "";
        var group = Get(AnnotationKeys.AppApiGroup);
        var version = Get(AnnotationKeys.AppApiVersion);
        var kind = Get(AnnotationKeys.AppKind);
        var ns = Get(AnnotationKeys.AppNamespace);
        var name = Get(AnnotationKeys.AppName);
        if (group == top.Group && version == top.Version && kind == top.Kind && ns == pod.PodNamespace && name == top.Name)
        {
            return null;
        }

        var app = group.Length == 0 ? version : $"{group}/{version}";
        return $"the IPPool is reserved for application {app} {kind} {ns}/{name} (spec.podAffinity), but the Pod belongs to {top.ApiVersion} {top.Kind} {pod.PodNamespace}/{top.Name}";
    }

    private static string? RejectByMultus(PoolIndexEntry pool, string ifName, NicNetwork network, SelectionSettings settings)
    {
        // Only pools that list multusName are constrained. Upstream also drops every other pool for the first NIC when
        // neither the default-network annotation nor MULTUS_CLUSTER_NETWORK is set (spec §9 #8); that is not copied.
        if (pool.MultusName.Count == 0)
        {
            return null;
        }

        var allowed = pool.MultusName.Select(m => NicNetworks.Qualify(m, settings.InstallNamespace)).ToList();
        if (network.Key is null)
        {
            return $"spec.multusName [{string.Join(", ", allowed)}] cannot be checked: {network.UnknownReason}";
        }

        return allowed.Contains(network.Key, StringComparer.Ordinal)
            ? null
            : $"interface {ifName} is attached through NetworkAttachmentDefinition '{network.Key}', which is not in spec.multusName [{string.Join(", ", allowed)}]";
    }

    private static string? RejectBySelector(LabelSelector selector, string field, IReadOnlyDictionary<string, string> labels, string whose)
    {
        if (LabelSelectorEvaluator.Validate(selector) is { } invalid)
        {
            return $"{field} is invalid: {invalid}";
        }

        return LabelSelectorEvaluator.Matches(selector, labels) ? null : $"{whose} do not match {field}";
    }
}
