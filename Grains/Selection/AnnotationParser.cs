using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Parses and validates the annotations of spec §2.1–§2.3. Every failure gives the complete message for the CNI
/// result: <c>wrong input, invalid format of Pod annotation '&lt;key&gt;': &lt;what is wrong&gt; (value '&lt;value&gt;')</c>,
/// so whoever reads the pod event sees which annotation to fix and what it held. Unknown JSON fields are ignored and
/// field names match case-insensitively, as with Go's encoding/json upstream.
/// </summary>
public static partial class AnnotationParser
{
    /// <summary>Longer values are cut in messages: the value helps find the mistake, a 100 kB echo does not.</summary>
    private const int MaxShownValue = 300;

    private const string PoolName = "pool name";
    private const string SubnetName = "SpiderSubnet name";

    /// <summary>The complete error for a malformed annotation of a Pod (<paramref name="owner"/> "Pod") or Namespace.</summary>
    public static string Invalid(string owner, string key, string value, string detail)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length <= MaxShownValue ? value : $"{value[..MaxShownValue]}… ({value.Length} characters)";
        return $"wrong input, invalid format of {owner} annotation '{key}': {detail} (value '{shown}')";
    }

    /// <summary><c>ipam.spidernet.io/ippool</c>: <c>{"ipv4":[...],"ipv6":[...]}</c>, at least one family listing a pool.</summary>
    public static bool TryParseIpPool(string value, [NotNullWhen(true)] out PodIpPoolAnnotation? result, out string error)
    {
        result = null;
        if (!TryParseIpPoolCore(value, out var parsed, out var detail))
        {
            error = Invalid("Pod", AnnotationKeys.PodIpPool, value, detail);
            return false;
        }

        result = parsed;
        error = "";
        return true;
    }

    private static bool TryParseIpPoolCore(string value, [NotNullWhen(true)] out PodIpPoolAnnotation? pools, out string detail)
    {
        pools = null;
        if (!TryOpenObject(value, """{"ipv4":["pool-a"],"ipv6":["pool-b"]}""", out var document, out detail))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!JsonInput.TryReadNameList(root, "ipv4", PoolName, out var v4, out detail)
                || !JsonInput.TryReadNameList(root, "ipv6", PoolName, out var v6, out detail))
            {
                return false;
            }

            if (v4.Count == 0 && v6.Count == 0)
            {
                detail = "it lists no pool; set 'ipv4', 'ipv6' or both";
                return false;
            }

            pools = new PodIpPoolAnnotation(v4, v6);
            return true;
        }
    }

    /// <summary>
    /// <c>ipam.spidernet.io/ippools</c>: a list of <c>{"interface","ipv4","ipv6","cleangateway"}</c> items, each listing at
    /// least one pool. <c>interface</c> is set on every item or on none; set, the names are unique and must include
    /// <paramref name="ifName"/> (the NIC of this CNI ADD).
    /// </summary>
    public static bool TryParseIpPools(string value, string ifName, [NotNullWhen(true)] out IReadOnlyList<PodIpPoolsItem>? items, out string error)
    {
        items = null;
        if (!TryParseIpPoolsCore(value, ifName, out var parsed, out var detail))
        {
            error = Invalid("Pod", AnnotationKeys.PodIpPools, value, detail);
            return false;
        }

        items = parsed;
        error = "";
        return true;
    }

    private static bool TryParseIpPoolsCore(string value, string ifName, out IReadOnlyList<PodIpPoolsItem> items, out string detail)
    {
        items = [];
        if (!JsonInput.TryParse(value, out var document, out detail))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                detail = $$"""expected a list of items like [{"interface":"eth0","ipv4":["pool-a"]}], found {{JsonInput.Describe(root)}}""";
                return false;
            }

            var parsed = new List<PodIpPoolsItem>();
            foreach (var element in root.EnumerateArray())
            {
                var label = $"item {parsed.Count}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    detail = $"{label} must be an object, found {JsonInput.Describe(element)}";
                    return false;
                }

                if (!JsonInput.TryReadString(element, "interface", $"{label}: 'interface'", out var nic, out detail)
                    || !JsonInput.TryReadNameList(element, "ipv4", PoolName, out var v4, out detail)
                    || !JsonInput.TryReadNameList(element, "ipv6", PoolName, out var v6, out detail)
                    || !JsonInput.TryReadBool(element, "cleangateway", $"{label}: 'cleangateway'", out var cleanGateway, out detail))
                {
                    detail = detail.StartsWith(label, StringComparison.Ordinal) ? detail : $"{label}: {detail}";
                    return false;
                }

                if (v4.Count == 0 && v6.Count == 0)
                {
                    detail = $"{Describe(label, nic)} lists no pool; set 'ipv4', 'ipv6' or both";
                    return false;
                }

                parsed.Add(new PodIpPoolsItem(nic, v4, v6, cleanGateway));
            }

            if (parsed.Count == 0)
            {
                detail = "it lists no item; give one item per interface";
                return false;
            }

            var named = parsed.FindIndex(i => i.Interface.Length > 0);
            var unnamed = parsed.FindIndex(i => i.Interface.Length == 0);
            if (named >= 0 && unnamed >= 0)
            {
                detail = $"'interface' must be set on every item or on none, but item {named} sets it and item {unnamed} does not";
                return false;
            }

            if (named >= 0)
            {
                for (var i = 0; i < parsed.Count; i++)
                {
                    var first = parsed.FindIndex(p => p.Interface == parsed[i].Interface);
                    if (first != i)
                    {
                        detail = $"interface '{parsed[i].Interface}' is listed twice (items {first} and {i})";
                        return false;
                    }
                }

                if (parsed.TrueForAll(p => p.Interface != ifName))
                {
                    detail = $"the interface being configured, '{ifName}' (CNI_IFNAME), is not listed; the items name {string.Join(", ", parsed.Select(p => p.Interface))}";
                    return false;
                }
            }

            items = parsed;
            return true;
        }
    }

    /// <summary><c>ipam.spidernet.io/subnet</c>: one <c>{"interface","ipv4","ipv6"}</c> object (interface default <c>eth0</c>).</summary>
    public static bool TryParseSubnet(string value, [NotNullWhen(true)] out SubnetAnnotationItem? item, out string error)
    {
        item = null;
        string detail;
        if (TryOpenObject(value, """{"interface":"eth0","ipv4":["subnet-a"]}""", out var document, out detail))
        {
            using (document)
            {
                if (TryReadSubnetItem(document.RootElement, "", out item, out detail))
                {
                    error = "";
                    return true;
                }
            }
        }

        error = Invalid("Pod", AnnotationKeys.PodSubnet, value, detail);
        return false;
    }

    /// <summary>
    /// <c>ipam.spidernet.io/subnets</c>: a list of subnet items; interfaces unique, and one SpiderSubnet serves one
    /// interface only.
    /// </summary>
    public static bool TryParseSubnets(string value, [NotNullWhen(true)] out IReadOnlyList<SubnetAnnotationItem>? items, out string error)
    {
        items = null;
        if (!TryParseSubnetsCore(value, out var parsed, out var detail))
        {
            error = Invalid("Pod", AnnotationKeys.PodSubnets, value, detail);
            return false;
        }

        items = parsed;
        error = "";
        return true;
    }

    private static bool TryParseSubnetsCore(string value, out IReadOnlyList<SubnetAnnotationItem> items, out string detail)
    {
        items = [];
        if (!JsonInput.TryParse(value, out var document, out detail))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                detail = $$"""expected a list of items like [{"interface":"eth0","ipv4":["subnet-a"]}], found {{JsonInput.Describe(root)}}""";
                return false;
            }

            var parsed = new List<SubnetAnnotationItem>();
            var subnetUsers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var element in root.EnumerateArray())
            {
                var label = $"item {parsed.Count}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    detail = $"{label} must be an object, found {JsonInput.Describe(element)}";
                    return false;
                }

                if (!TryReadSubnetItem(element, label, out var item, out detail))
                {
                    return false;
                }

                var first = parsed.FindIndex(p => p.Interface == item.Interface);
                if (first >= 0)
                {
                    detail = $"interface '{item.Interface}' is listed twice (items {first} and {parsed.Count})";
                    return false;
                }

                foreach (var subnet in new[] { item.V4Subnet, item.V6Subnet })
                {
                    if (subnet is null)
                    {
                        continue;
                    }

                    if (subnetUsers.TryGetValue(subnet, out var other))
                    {
                        detail = $"SpiderSubnet '{subnet}' is used by interfaces '{other}' and '{item.Interface}'; give each interface its own subnet";
                        return false;
                    }

                    subnetUsers[subnet] = item.Interface;
                }

                parsed.Add(item);
            }

            if (parsed.Count == 0)
            {
                detail = "it lists no item; give one item per interface";
                return false;
            }

            items = parsed;
            return true;
        }
    }

    private static bool TryReadSubnetItem(JsonElement element, string label, [NotNullWhen(true)] out SubnetAnnotationItem? item, out string detail)
    {
        item = null;
        var prefix = label.Length == 0 ? "" : $"{label}: ";
        if (!JsonInput.TryReadString(element, "interface", $"{prefix}'interface'", out var nic, out detail))
        {
            return false;
        }

        if (!JsonInput.TryReadNameList(element, "ipv4", SubnetName, out var v4, out detail)
            || !JsonInput.TryReadNameList(element, "ipv6", SubnetName, out var v6, out detail))
        {
            detail = prefix + detail;
            return false;
        }

        nic = nic.Length == 0 ? "eth0" : nic;
        if (v4.Count == 0 && v6.Count == 0)
        {
            detail = $"{prefix}it names no subnet for interface '{nic}'; set 'ipv4', 'ipv6' or both";
            return false;
        }

        // Upstream uses only the first element of each list (spec §2.1).
        item = new SubnetAnnotationItem(nic, v4.Count > 0 ? v4[0] : null, v6.Count > 0 ? v6[0] : null);
        return true;
    }

    /// <summary><c>ipam.spidernet.io/routes</c>: <c>[{"dst":"10.0.0.0/16","gw":"192.168.1.1"}]</c>; dst a CIDR, gw an address of the same family.</summary>
    public static bool TryParseRoutes(string value, [NotNullWhen(true)] out IReadOnlyList<CustomRoute>? routes, out string error)
    {
        routes = null;
        if (!TryParseRoutesCore(value, out var parsed, out var detail))
        {
            error = Invalid("Pod", AnnotationKeys.PodRoutes, value, detail);
            return false;
        }

        routes = parsed;
        error = "";
        return true;
    }

    private static bool TryParseRoutesCore(string value, out IReadOnlyList<CustomRoute> routes, out string detail)
    {
        routes = [];
        if (!JsonInput.TryParse(value, out var document, out detail))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                detail = $$"""expected a list of routes like [{"dst":"10.0.0.0/16","gw":"192.168.1.1"}], found {{JsonInput.Describe(root)}}""";
                return false;
            }

            var parsed = new List<CustomRoute>();
            foreach (var element in root.EnumerateArray())
            {
                var label = $"route {parsed.Count}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    detail = $"{label} must be an object with 'dst' and 'gw', found {JsonInput.Describe(element)}";
                    return false;
                }

                if (!JsonInput.TryReadString(element, "dst", $"{label}: 'dst'", out var dstText, out detail)
                    || !JsonInput.TryReadString(element, "gw", $"{label}: 'gw'", out var gwText, out detail))
                {
                    return false;
                }

                if (dstText.Length == 0 || gwText.Length == 0)
                {
                    detail = $"{label}: '{(dstText.Length == 0 ? "dst" : "gw")}' is missing; a route needs a destination CIDR 'dst' and a gateway address 'gw'";
                    return false;
                }

                if (!IpCidr.TryParse(dstText, out var dst, out var cidrError))
                {
                    detail = $"{label}: 'dst' {cidrError}";
                    return false;
                }

                if (!IpAddr.TryParse(gwText, out var gw))
                {
                    detail = $"{label}: 'gw' '{gwText}' is not an IP address";
                    return false;
                }

                if (dst.Value.Family != gw.Value.Family)
                {
                    detail = $"{label}: 'dst' {dstText} is {FamilyName(dst.Value.Family)} but 'gw' {gwText} is {FamilyName(gw.Value.Family)}; they must be the same family";
                    return false;
                }

                parsed.Add(new CustomRoute(dst.Value.Canonical, gw.Value));
            }

            routes = parsed;
            return true;
        }
    }

    /// <summary>
    /// Namespace <c>ipam.spidernet.io/default-ipv4-ippool</c> / <c>default-ipv6-ippool</c>: a JSON list of pool names
    /// (wildcards allowed); <c>[]</c> and <c>null</c> mean none.
    /// </summary>
    public static bool TryParseNamespaceDefaultPools(string key, string value, [NotNullWhen(true)] out IReadOnlyList<string>? pools, out string error)
    {
        pools = null;
        if (!JsonInput.TryParse(value, out var document, out var detail))
        {
            error = Invalid("Namespace", key, value, detail);
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                pools = [];
                error = "";
                return true;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = Invalid("Namespace", key, value, $"""expected a list of pool names like ["pool-a","pool-*"], found {JsonInput.Describe(document.RootElement)}""");
                return false;
            }

            if (!JsonInput.TryReadNameArray(document.RootElement, "the list", PoolName, out var names, out detail))
            {
                error = Invalid("Namespace", key, value, detail);
                return false;
            }

            pools = names;
            error = "";
            return true;
        }
    }

    /// <summary><c>ipam.spidernet.io/default-route-nic</c>: a Linux interface name (read by the coordinator, spec §2.2).</summary>
    public static bool TryParseDefaultRouteNic(string value, [NotNullWhen(true)] out string? nic, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        nic = null;
        if (CheckInterfaceName(value) is { } detail)
        {
            error = Invalid("Pod", AnnotationKeys.PodDefaultRouteNic, value, detail);
            return false;
        }

        nic = value;
        error = "";
        return true;
    }

    /// <summary>Null when <paramref name="name"/> is a valid Linux interface name (dev_valid_name), otherwise why not.</summary>
    internal static string? CheckInterfaceName(string name)
    {
        if (name.Length == 0)
        {
            return "the interface name is empty";
        }

        if (name.Length > 15)
        {
            return $"interface name '{name}' is longer than 15 characters";
        }

        return name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c))
            ? $"'{name}' is not a valid interface name (no '/', ':' or spaces, not '.' or '..')"
            : null;
    }

    internal static string FamilyName(IpFamily family) => family == IpFamily.V4 ? "IPv4" : "IPv6";

    private static bool TryOpenObject(string value, string example, [NotNullWhen(true)] out JsonDocument? document, out string detail)
    {
        if (!JsonInput.TryParse(value, out document, out detail))
        {
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            detail = $"expected an object like {example}, found {JsonInput.Describe(document.RootElement)}";
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }

    private static string Describe(string label, string nic) => nic.Length == 0 ? label : $"{label} (interface '{nic}')";
}
