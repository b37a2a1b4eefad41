using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Spiderpool.Grains.Selection;

/// <summary>Multus' network selection annotations, read to learn which NetworkAttachmentDefinition each NIC comes from.</summary>
public static partial class AnnotationParser
{
    /// <summary>
    /// Multus network selection syntax as in <c>k8s.v1.cni.cncf.io/networks</c>: a JSON list of
    /// <c>{"name","namespace","interface"}</c> objects, or a comma-separated list of <c>[namespace/]name[@interface]</c>.
    /// Like Multus, the text is read as JSON when it contains any of <c>[</c>, <c>{</c>, <c>"</c>. Elements without a
    /// namespace get <paramref name="defaultNamespace"/>.
    /// </summary>
    public static bool TryParseMultusNetworks(string key, string value, string defaultNamespace, [NotNullWhen(true)] out IReadOnlyList<NetworkSelection>? networks, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        networks = null;
        var parsed = value.AsSpan().IndexOfAny('[', '{', '"') >= 0
            ? TryParseMultusJson(value, defaultNamespace, out var list, out var detail)
            : TryParseMultusText(value, defaultNamespace, out list, out detail);
        if (!parsed)
        {
            error = Invalid("Pod", key, value, detail);
            return false;
        }

        networks = list;
        error = "";
        return true;
    }

    /// <summary><c>v1.multus-cni.io/default-network</c>: the same syntax naming exactly one network.</summary>
    public static bool TryParseMultusDefaultNetwork(string value, string defaultNamespace, [NotNullWhen(true)] out NetworkSelection? network, out string error)
    {
        network = null;
        if (!TryParseMultusNetworks(AnnotationKeys.MultusDefaultNetwork, value, defaultNamespace, out var list, out error))
        {
            return false;
        }

        if (list.Count != 1)
        {
            error = Invalid("Pod", AnnotationKeys.MultusDefaultNetwork, value, $"it must name exactly one network, found {list.Count}");
            return false;
        }

        network = list[0];
        return true;
    }

    private static bool TryParseMultusJson(string value, string defaultNamespace, out IReadOnlyList<NetworkSelection> networks, out string detail)
    {
        networks = [];
        if (!JsonInput.TryParse(value, out var document, out detail))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                detail = $$"""expected a list of networks like [{"name":"macvlan","namespace":"kube-system","interface":"net1"}], found {{JsonInput.Describe(root)}}""";
                return false;
            }

            var parsed = new List<NetworkSelection>();
            foreach (var element in root.EnumerateArray())
            {
                var label = $"network {parsed.Count}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    detail = $"{label} must be an object, found {JsonInput.Describe(element)}";
                    return false;
                }

                if (!JsonInput.TryReadString(element, "name", $"{label}: 'name'", out var name, out detail)
                    || !JsonInput.TryReadString(element, "namespace", $"{label}: 'namespace'", out var ns, out detail)
                    || !JsonInput.TryReadString(element, "interface", $"{label}: 'interface'", out var nic, out detail))
                {
                    return false;
                }

                if (name.Length == 0)
                {
                    detail = $"{label}: 'name' is missing; name the NetworkAttachmentDefinition";
                    return false;
                }

                parsed.Add(new NetworkSelection(ns.Length == 0 ? defaultNamespace : ns, name, nic.Length == 0 ? null : nic));
            }

            networks = parsed;
            return true;
        }
    }

    private static bool TryParseMultusText(string value, string defaultNamespace, out IReadOnlyList<NetworkSelection> networks, out string detail)
    {
        networks = [];
        detail = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            // Multus reads an empty annotation as "no additional networks".
            return true;
        }

        var parsed = new List<NetworkSelection>();
        foreach (var raw in value.Split(','))
        {
            var entry = raw.Trim();
            var label = $"entry {parsed.Count} '{entry}'";
            if (entry.Length == 0)
            {
                detail = $"entry {parsed.Count} is empty; write [namespace/]name[@interface] entries separated by commas";
                return false;
            }

            var slashParts = entry.Split('/');
            if (slashParts.Length > 2)
            {
                detail = $"{label} has more than one '/'; write [namespace/]name[@interface]";
                return false;
            }

            var ns = slashParts.Length == 2 ? slashParts[0].Trim() : "";
            var atParts = slashParts[^1].Split('@');
            if (atParts.Length > 2)
            {
                detail = $"{label} has more than one '@'; write [namespace/]name[@interface]";
                return false;
            }

            var name = atParts[0].Trim();
            var nic = atParts.Length == 2 ? atParts[1].Trim() : "";
            if (name.Length == 0)
            {
                detail = $"{label} has no network name; write [namespace/]name[@interface]";
                return false;
            }

            // Multus' own check for the text form: lowercase DNS labels.
            foreach (var part in new[] { ns, name })
            {
                if (part.Length > 0 && !Dns1123Label().IsMatch(part))
                {
                    detail = $"{label}: '{part}' must consist of lowercase letters, digits and '-', and start and end with a letter or digit";
                    return false;
                }
            }

            parsed.Add(new NetworkSelection(ns.Length == 0 ? defaultNamespace : ns, name, nic.Length == 0 ? null : nic));
        }

        networks = parsed;
        detail = "";
        return true;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
