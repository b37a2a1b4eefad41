using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Candidate pool selection for one CNI ADD in standard mode (spec §3.2 step 7b): acquisition by strict precedence
/// (§3.3, no fallback between rules), dropping disabled families, precheck (duplicates, missing pools), filtering
/// (§3.4) and sorting (§3.5). Pure: everything comes in as data, nothing is looked up, a bad input gives a failed
/// <see cref="SelectionResult"/> rather than an exception.
/// </summary>
public static class PoolSelector
{
    /// <summary>Selects the ordered candidates of every NIC to allocate now (several for <c>ipam.spidernet.io/ippools</c>).</summary>
    public static SelectionResult Select(PodContext pod, IReadOnlyList<PoolIndexEntry> pools, SelectionSettings settings) =>
        new Run(pod, pools, settings).Execute(filter: true);

    /// <summary>
    /// Acquisition only (§3.3 with wildcards expanded and disabled families dropped; no precheck, filter or sort): what a
    /// StatefulSet's recorded pools are compared with to detect a pool change (§3.10 step 1,
    /// <see cref="StatefulSetPolicy.DetectPoolChange"/>).
    /// </summary>
    public static SelectionResult Acquire(PodContext pod, IReadOnlyList<PoolIndexEntry> pools, SelectionSettings settings) =>
        new Run(pod, pools, settings).Execute(filter: false);

    private sealed record FamilyList(IpFamily Family, IReadOnlyList<string> Names, string Origin);

    private sealed record NicPlan(string IfName, int? Index, bool CleanGateway, FamilyList V4, FamilyList V6)
    {
        public FamilyList Of(IpFamily family) => family == IpFamily.V4 ? V4 : V6;
    }

    private sealed class Run
    {
        private const string ClusterDefaultOrigin = "the cluster default IPPools (spec.default: true)";

        private readonly PodContext pod;
        private readonly SelectionSettings settings;
        private readonly Dictionary<string, PoolIndexEntry> index = new(StringComparer.Ordinal);
        private readonly TopController top;
        private NicNetworks networks = null!;

        public Run(PodContext pod, IReadOnlyList<PoolIndexEntry> pools, SelectionSettings settings)
        {
            ArgumentNullException.ThrowIfNull(pod);
            ArgumentNullException.ThrowIfNull(pools);
            ArgumentNullException.ThrowIfNull(settings);
            this.pod = pod;
            this.settings = settings;
            foreach (var pool in pools)
            {
                if (!index.TryAdd(pool.Name, pool))
                {
                    throw new ArgumentException($"the pool index lists '{pool.Name}' twice; pool names are unique", nameof(pools));
                }
            }

            top = TopControllerResolver.For(pod);
        }

        public SelectionResult Execute(bool filter)
        {
            if (pod.IfName.Length == 0)
            {
                return SelectionResult.Fail(SelectionFailure.InvalidInput, "the interface name is empty; the CNI runtime must set CNI_IFNAME");
            }

            if (!settings.EnableIpv4 && !settings.EnableIpv6)
            {
                return SelectionResult.Fail(SelectionFailure.NoCandidate, "both IPv4 and IPv6 are disabled (enableIPv4 and enableIPv6 are false in spiderpool-conf), so there is nothing to allocate");
            }

            if (!NicNetworks.TryCreate(pod, settings, out var created, out var error))
            {
                return SelectionResult.Fail(SelectionFailure.InvalidInput, error);
            }

            networks = created;
            IReadOnlyList<CustomRoute> routes = [];
            if (pod.PodAnnotations.TryGetValue(AnnotationKeys.PodRoutes, out var routesText)
                && !AnnotationParser.TryParseRoutes(routesText, out routes!, out error))
            {
                return SelectionResult.Fail(SelectionFailure.InvalidInput, error);
            }

            var (source, plans, positional) = ChooseRule(out var kind, out error);
            if (error.Length > 0)
            {
                return SelectionResult.Fail(kind, error, source);
            }

            var expanded = new List<NicPlan>();
            foreach (var plan in plans)
            {
                var enabled = DropDisabledFamilies(plan, out error);
                if (error.Length > 0)
                {
                    return SelectionResult.Fail(SelectionFailure.NoCandidate, error, source);
                }

                if (!TryExpand(enabled, out var ready, out kind, out error))
                {
                    return SelectionResult.Fail(kind, error, source);
                }

                expanded.Add(ready);
            }

            if (!filter)
            {
                return new SelectionResult
                {
                    Source = source,
                    Interfaces = expanded.Select(p => Request(p, p.V4.Names, p.V6.Names)).ToList(),
                    Routes = routes,
                    Positional = positional,
                };
            }

            var missing = expanded
                .SelectMany(p => new[] { p.V4, p.V6 }.SelectMany(f => f.Names.Where(n => !index.ContainsKey(n))
                    .Select(n => $"{AnnotationParser.FamilyName(f.Family)} IPPool '{n}' listed for interface {p.IfName} in {f.Origin} does not exist")))
                .ToList();
            if (missing.Count > 0)
            {
                return SelectionResult.Fail(SelectionFailure.NoCandidate, string.Join("; ", missing), source);
            }

            return FilterAndSort(source, expanded, routes, positional);
        }

        private SelectionResult FilterAndSort(SelectionSource source, List<NicPlan> plans, IReadOnlyList<CustomRoute> routes, IReadOnlyList<PositionalInterface> positional)
        {
            var rejections = new List<PoolRejection>();
            var failures = new List<string>();
            var requests = new List<InterfaceRequest>();
            foreach (var plan in plans)
            {
                var network = networks.Resolve(plan.IfName, plan.Index);
                var kept = new Dictionary<IpFamily, IReadOnlyList<string>>();
                foreach (var family in new[] { IpFamily.V4, IpFamily.V6 })
                {
                    var list = plan.Of(family);
                    var survivors = new List<PoolIndexEntry>();
                    var reasons = new List<string>();
                    foreach (var name in list.Names)
                    {
                        var pool = index[name];
                        if (CandidateFilter.Reject(pool, family, plan.IfName, network, pod, top, settings) is { } reason)
                        {
                            rejections.Add(new PoolRejection(plan.IfName, family, name, reason));
                            reasons.Add($"{name}: {reason}");
                        }
                        else
                        {
                            survivors.Add(pool);
                        }
                    }

                    if (list.Names.Count > 0 && survivors.Count == 0)
                    {
                        failures.Add($"no IPPool available, all {AnnotationParser.FamilyName(family)} IPPools [{string.Join(", ", list.Names)}] of {plan.IfName} filtered out: {string.Join("; ", reasons)}");
                    }

                    kept[family] = CandidateOrder.Sort(survivors).Select(p => p.Name).ToList();
                }

                requests.Add(Request(plan, kept[IpFamily.V4], kept[IpFamily.V6]));
            }

            if (failures.Count > 0)
            {
                return SelectionResult.Fail(SelectionFailure.NoCandidate, string.Join(" | ", failures), source, rejections);
            }

            return new SelectionResult { Source = source, Interfaces = requests, Routes = routes, Positional = positional, Rejections = rejections };
        }

        private static InterfaceRequest Request(NicPlan plan, IReadOnlyList<string> v4, IReadOnlyList<string> v6) => new()
        {
            IfName = plan.Index is int position and > 0 ? WorkloadNic.Placeholder(position) : plan.IfName,
            Position = plan.Index,
            V4Pools = v4,
            V6Pools = v6,
            CleanGateway = plan.CleanGateway,
        };

        /// <summary>Spec §3.3: the first rule that yields candidates is used exclusively.</summary>
        private (SelectionSource Source, IReadOnlyList<NicPlan> Plans, IReadOnlyList<PositionalInterface> Positional) ChooseRule(out SelectionFailure kind, out string error)
        {
            // Every failure below is malformed input except the two that say no pool is named anywhere or auto pools.
            kind = SelectionFailure.InvalidInput;
            error = "";
            var annotations = pod.PodAnnotations;
            if (settings.EnableSpiderSubnet
                && (annotations.ContainsKey(AnnotationKeys.PodSubnets) || annotations.ContainsKey(AnnotationKeys.PodSubnet)))
            {
                (kind, error) = SubnetRule();
                return (SelectionSource.SubnetAnnotation, [], []);
            }

            if (annotations.TryGetValue(AnnotationKeys.PodIpPools, out var ipPoolsText))
            {
                return PodIpPoolsRule(ipPoolsText, out error);
            }

            if (annotations.TryGetValue(AnnotationKeys.PodIpPool, out var ipPoolText))
            {
                if (!AnnotationParser.TryParseIpPool(ipPoolText, out var ipPool, out error))
                {
                    return (SelectionSource.PodIpPool, [], []);
                }

                var origin = $"Pod annotation '{AnnotationKeys.PodIpPool}'";
                return (SelectionSource.PodIpPool, [CurrentNic(ipPool.V4, origin, ipPool.V6, origin)], []);
            }

            if (!TryNamespaceDefaults(out var nsV4, out var nsV6, out error))
            {
                return (SelectionSource.NamespaceDefault, [], []);
            }

            if (nsV4.Count > 0 || nsV6.Count > 0)
            {
                return (SelectionSource.NamespaceDefault,
                    [CurrentNic(nsV4, $"Namespace annotation '{AnnotationKeys.NamespaceDefaultIpv4IpPool}'", nsV6, $"Namespace annotation '{AnnotationKeys.NamespaceDefaultIpv6IpPool}'")],
                    []);
            }

            var ipam = pod.Ipam;
            if (ipam.DefaultIpv4IpPool.Count > 0 || ipam.DefaultIpv6IpPool.Count > 0)
            {
                if (ipam.DefaultIpv4IpPool.Contains("") || ipam.DefaultIpv6IpPool.Contains(""))
                {
                    error = $"the CNI configuration '{(ipam.DefaultIpv4IpPool.Contains("") ? "default_ipv4_ippool" : "default_ipv6_ippool")}' lists an empty pool name; fix the NetworkAttachmentDefinition or SpiderMultusConfig";
                    return (SelectionSource.CniConfig, [], []);
                }

                return (SelectionSource.CniConfig,
                    [CurrentNic(ipam.DefaultIpv4IpPool, "the CNI configuration 'default_ipv4_ippool'", ipam.DefaultIpv6IpPool, "the CNI configuration 'default_ipv6_ippool'")],
                    []);
            }

            // Rank 6. Ordinal name order keeps equally specific defaults deterministic (upstream: cache order).
            List<string> Defaults(IpFamily family, bool enabled) => enabled
                ? index.Values.Where(p => p.Default && p.Family == family).Select(p => p.Name).Order(StringComparer.Ordinal).ToList()
                : [];
            var v4 = Defaults(IpFamily.V4, settings.EnableIpv4);
            var v6 = Defaults(IpFamily.V6, settings.EnableIpv6);
            if (v4.Count == 0 && v6.Count == 0)
            {
                kind = SelectionFailure.NoCandidate;
                error = "no IPPool available, no pool selection rules of any type are specified; set the Pod annotation "
                    + $"'{AnnotationKeys.PodIpPool}', a Namespace default ('{AnnotationKeys.NamespaceDefaultIpv4IpPool}'), "
                    + "default_ipv4_ippool/default_ipv6_ippool in the CNI configuration, or mark an IPPool spec.default: true";
                return (SelectionSource.ClusterDefault, [], []);
            }

            return (SelectionSource.ClusterDefault, [CurrentNic(v4, ClusterDefaultOrigin, v6, ClusterDefaultOrigin)], []);
        }

        private NicPlan CurrentNic(IReadOnlyList<string> v4, string v4Origin, IReadOnlyList<string> v6, string v6Origin) =>
            new(pod.IfName, null, pod.Ipam.CleanGateway, new FamilyList(IpFamily.V4, v4, v4Origin), new FamilyList(IpFamily.V6, v6, v6Origin));

        /// <summary>
        /// Rank 1. The annotations are validated, but auto pools are not implemented yet, so a pod that would use them
        /// gets an error saying so (with the subnet feature off, upstream ignores the annotations and so do we).
        /// </summary>
        private (SelectionFailure Kind, string Error) SubnetRule()
        {
            var key = pod.PodAnnotations.ContainsKey(AnnotationKeys.PodSubnets) ? AnnotationKeys.PodSubnets : AnnotationKeys.PodSubnet;
            var value = pod.PodAnnotations[key];
            var parsed = key == AnnotationKeys.PodSubnets
                ? AnnotationParser.TryParseSubnets(value, out _, out var error)
                : AnnotationParser.TryParseSubnet(value, out _, out error);
            if (!parsed)
            {
                return (SelectionFailure.InvalidInput, error);
            }

            if (!settings.EnableAutoPoolForApplication)
            {
                return (SelectionFailure.Unsupported, $"Pod annotation '{key}' asks for a SpiderSubnet auto pool, but enableAutoPoolForApplication is false; remove the annotation or enable ipam.spiderSubnet.autoPool.enable");
            }

            if (top.IsOrphanPod)
            {
                return (SelectionFailure.Unsupported, $"SpiderSubnet feature doesn't support no-controller pod: Pod {pod.PodNamespace}/{pod.PodName} has no controller, so its annotation '{key}' cannot be served; name IPPools with '{AnnotationKeys.PodIpPool}' instead");
            }

            return (SelectionFailure.Unsupported, $"SpiderSubnet auto pools are not supported yet (Pod annotation '{key}'); name IPPools with '{AnnotationKeys.PodIpPool}' or '{AnnotationKeys.PodIpPools}' instead, or set enableSpiderSubnet: false to ignore the annotation");
        }

        private (SelectionSource, IReadOnlyList<NicPlan>, IReadOnlyList<PositionalInterface>) PodIpPoolsRule(string value, out string error)
        {
            const SelectionSource source = SelectionSource.PodIpPools;
            var origin = $"Pod annotation '{AnnotationKeys.PodIpPools}'";
            if (!AnnotationParser.TryParseIpPools(value, pod.IfName, out var items, out error))
            {
                return (source, [], []);
            }

            NicPlan Plan(PodIpPoolsItem item, string ifName, int? position) =>
                new(ifName, position, item.CleanGateway, new FamilyList(IpFamily.V4, item.V4, origin), new FamilyList(IpFamily.V6, item.V6, origin));

            if (items[0].Interface.Length > 0)
            {
                return (source, items.Select(i => Plan(i, i.Interface, null)).ToList(), []);
            }

            // Positional form (spec §3.8, form 3): item 0 is the first NIC (eth0), item i > 0 the i-th Multus network.
            // The first ADD allocates every item; items after the first are recorded under a placeholder until an ADD
            // claims one with its real interface name, whatever the runtime calls it (see PositionalInterface).
            var positional = Enumerable.Range(0, items.Count)
                .Select(i =>
                {
                    var name = i == 0 ? NicNetworks.FirstNic : networks.SecondaryName(i - 1) ?? $"net{i}";
                    return new PositionalInterface(i, name, networks.Resolve(name, i).Key);
                })
                .ToList();
            return (source, items.Select((item, i) => Plan(item, positional[i].IfName, i)).ToList(), positional);
        }

        private bool TryNamespaceDefaults(out IReadOnlyList<string> v4, out IReadOnlyList<string> v6, out string error)
        {
            v6 = [];
            return TryNamespaceList(AnnotationKeys.NamespaceDefaultIpv4IpPool, out v4, out error)
                && TryNamespaceList(AnnotationKeys.NamespaceDefaultIpv6IpPool, out v6, out error);
        }

        private bool TryNamespaceList(string key, out IReadOnlyList<string> pools, out string error)
        {
            pools = [];
            error = "";
            if (!pod.NamespaceAnnotations.TryGetValue(key, out var text))
            {
                return true;
            }

            if (!AnnotationParser.TryParseNamespaceDefaultPools(key, text, out var parsed, out error))
            {
                return false;
            }

            pools = parsed;
            return true;
        }

        /// <summary>Disabled families are dropped silently; a NIC left with nothing to allocate is an error.</summary>
        private NicPlan DropDisabledFamilies(NicPlan plan, out string error)
        {
            error = "";
            var dropped = plan with
            {
                V4 = settings.EnableIpv4 ? plan.V4 : plan.V4 with { Names = [] },
                V6 = settings.EnableIpv6 ? plan.V6 : plan.V6 with { Names = [] },
            };
            if (dropped.V4.Names.Count == 0 && dropped.V6.Names.Count == 0)
            {
                // Both families cannot be disabled here (checked first), so exactly one was listed and it is off.
                var listed = plan.V4.Names.Count > 0 ? plan.V4 : plan.V6;
                var name = AnnotationParser.FamilyName(listed.Family);
                var other = listed.Family == IpFamily.V4 ? "IPv6" : "IPv4";
                error = $"interface {plan.IfName} gets only {name} pools from {listed.Origin}, but {name} is disabled (enable{name}: false); list {other} pools there or enable {name}";
            }

            return dropped;
        }

        /// <summary>
        /// Wildcards (spec §3.3.1) expand in place to the matching pool names of the family in ordinal order. A name listed
        /// twice is an error; a pool a wildcard brings in again is kept once, at its first position.
        /// </summary>
        private bool TryExpand(NicPlan plan, out NicPlan expanded, out SelectionFailure kind, out string error)
        {
            expanded = plan;
            kind = SelectionFailure.InvalidInput;
            error = "";
            var lists = new Dictionary<IpFamily, FamilyList>();
            foreach (var list in new[] { plan.V4, plan.V6 })
            {
                var family = AnnotationParser.FamilyName(list.Family);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var result = new List<string>();
                var patterns = new List<string>();
                foreach (var name in list.Names)
                {
                    if (!seen.Add(name))
                    {
                        error = $"{family} IPPool '{name}' is listed twice for interface {plan.IfName} in {list.Origin}";
                        return false;
                    }

                    if (!WildcardPattern.IsPattern(name))
                    {
                        if (!result.Contains(name))
                        {
                            result.Add(name);
                        }

                        continue;
                    }

                    if (WildcardPattern.Validate(name) is { } bad)
                    {
                        error = $"the {family} IPPool wildcard '{name}' for interface {plan.IfName} in {list.Origin} is malformed: {bad}";
                        return false;
                    }

                    patterns.Add(name);
                    result.AddRange(index.Values
                        .Where(p => p.Family == list.Family && WildcardPattern.IsMatch(name, p.Name) && !result.Contains(p.Name))
                        .Select(p => p.Name)
                        .Order(StringComparer.Ordinal));
                }

                if (list.Names.Count > 0 && result.Count == 0)
                {
                    kind = SelectionFailure.NoCandidate;
                    error = $"no {family} IPPool matches {string.Join(", ", patterns.Select(p => $"'{p}'"))} listed for interface {plan.IfName} in {list.Origin}";
                    return false;
                }

                lists[list.Family] = list with { Names = result };
            }

            expanded = plan with { V4 = lists[IpFamily.V4], V6 = lists[IpFamily.V6] };
            return true;
        }
    }
}
