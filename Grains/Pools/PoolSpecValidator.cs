using System.Globalization;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;

namespace Spiderpool.Grains.Pools;

/// <summary>
/// The checks Spiderpool's validating webhook makes on one SpiderIPPool (spec §1.1.5, rules 1, 2, 4, 6, 7), so a bad
/// spec is refused with a message that names the field and value, before it reaches any allocation.
/// Cross-pool rules (overlaps with other pools) belong to whoever sees all pools.
/// </summary>
internal static class PoolSpecValidator
{
    public static bool TryParse(PoolSpec spec, out ParsedPoolSpec? parsed, out string error)
    {
        parsed = null;
        if (!IpCidr.TryParse(spec.Subnet, out var subnet, out var subnetError))
        {
            error = $"spec.subnet: {subnetError}";
            return false;
        }

        var family = subnet.Value.Family;
        if (spec.IpVersion != 0 && spec.IpVersion != (int)family)
        {
            error = spec.IpVersion is 4 or 6
                ? $"spec.ipVersion is {spec.IpVersion} but spec.subnet '{spec.Subnet}' is IPv{(int)family}"
                : $"spec.ipVersion must be 4 or 6, not {spec.IpVersion}";
            return false;
        }

        if (!subnet.Value.IsCanonical)
        {
            error = $"spec.subnet '{spec.Subnet}' is not canonical; write '{subnet.Value.Canonical}'";
            return false;
        }

        if (!TryParseRanges("spec.ips", spec.Ips, subnet.Value, out var ips, out error) ||
            !TryParseRanges("spec.excludeIPs", spec.ExcludeIps, subnet.Value, out var exclude, out error))
        {
            return false;
        }

        IpAddr? gateway = null;
        if (!string.IsNullOrEmpty(spec.Gateway))
        {
            if (!IpAddr.TryParse(spec.Gateway, out var gw) || gw.Value.Family != family)
            {
                error = $"spec.gateway '{spec.Gateway}' is not an IPv{(int)family} address";
                return false;
            }

            if (!subnet.Value.Contains(gw.Value))
            {
                error = $"spec.gateway '{spec.Gateway}' is outside spec.subnet '{spec.Subnet}'";
                return false;
            }

            if (ips.Contains(gw.Value) && !exclude.Contains(gw.Value))
            {
                error = $"spec.gateway '{spec.Gateway}' lies in spec.ips; add it to spec.excludeIPs so it is never handed to a pod";
                return false;
            }

            gateway = gw;
        }

        if (!TryValidateRoutes(spec.Routes, subnet.Value, out error) || !TryValidateSelectors(spec, out error))
        {
            return false;
        }

        parsed = new ParsedPoolSpec(spec, family, subnet.Value, ips, exclude, gateway);
        error = "";
        return true;
    }

    private static bool TryParseRanges(string field, IReadOnlyList<string> entries, IpCidr subnet, out IpRangeSet set, out string error)
    {
        if (!IpRangeParser.TryParseList(entries, subnet.Family, out set, out var parseError))
        {
            error = $"{field}: {parseError}";
            return false;
        }

        foreach (var range in set.Ranges)
        {
            if (!subnet.Contains(range))
            {
                error = $"{field}: '{range}' is outside spec.subnet '{subnet}'";
                return false;
            }
        }

        error = "";
        return true;
    }

    private static bool TryValidateSelectors(PoolSpec spec, out string error)
    {
        foreach (var (field, selector) in new[] { ("spec.podAffinity", spec.PodAffinity), ("spec.namespaceAffinity", spec.NamespaceAffinity), ("spec.nodeAffinity", spec.NodeAffinity) })
        {
            if (selector is null)
            {
                continue;
            }

            // Spiderpool's webhook rule 8: an affinity that is present must select something.
            if (selector.MatchLabels.Count == 0 && selector.MatchExpressions.Count == 0)
            {
                error = $"{field} is empty; give it matchLabels or matchExpressions, or leave it out";
                return false;
            }

            if (Selection.LabelSelectorEvaluator.Validate(selector) is { } problem)
            {
                error = $"{field}.{problem}";
                return false;
            }
        }

        error = "";
        return true;
    }

    private static bool TryValidateRoutes(IReadOnlyList<PoolRoute> routes, IpCidr subnet, out string error)
    {
        var seen = new HashSet<IpCidr>();
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"spec.routes[{i}]");
            if (!IpCidr.TryParse(route.Dst, out var dst, out var dstError))
            {
                error = $"{field}.dst: {dstError}";
                return false;
            }

            if (dst.Value.Family != subnet.Family)
            {
                error = $"{field}.dst '{route.Dst}' is not IPv{(int)subnet.Family} like spec.subnet";
                return false;
            }

            if (dst.Value.PrefixLength == 0)
            {
                error = $"{field}.dst '{route.Dst}' is a default route; set spec.gateway instead";
                return false;
            }

            if (!seen.Add(dst.Value.Canonical))
            {
                error = $"{field}.dst '{route.Dst}' appears twice in spec.routes";
                return false;
            }

            if (!IpAddr.TryParse(route.Gw, out var gw) || gw.Value.Family != subnet.Family)
            {
                error = $"{field}.gw '{route.Gw}' is not an IPv{(int)subnet.Family} address";
                return false;
            }

            if (!subnet.Contains(gw.Value))
            {
                error = $"{field}.gw '{route.Gw}' is outside spec.subnet '{subnet}'";
                return false;
            }
        }

        error = "";
        return true;
    }
}
