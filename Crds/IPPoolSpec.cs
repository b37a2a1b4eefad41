using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>
/// <c>SpiderIPPool.spec</c> field for field (spec §1.1.1). Optional fields are nullable so "absent" and "empty"
/// stay apart: upstream inherits <c>routes</c> from a SpiderSubnet only when they are absent. <c>vlan</c> was
/// removed in Spiderpool v1.0 and is not here.
/// </summary>
public sealed record IPPoolSpec
{
    /// <summary>4 or 6 (CRD enum); absent means "infer from <see cref="Subnet"/>".</summary>
    [JsonPropertyName("ipVersion")]
    public long? IpVersion { get; init; }

    /// <summary>Canonical CIDR, required and immutable.</summary>
    [JsonPropertyName("subnet"), JsonRequired]
    public string Subnet { get; init; } = "";

    /// <summary>Single addresses or inclusive ranges <c>a-b</c>.</summary>
    [JsonPropertyName("ips")]
    public IReadOnlyList<string>? Ips { get; init; }

    [JsonPropertyName("excludeIPs")]
    public IReadOnlyList<string>? ExcludeIps { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    [JsonPropertyName("routes")]
    public IReadOnlyList<Route>? Routes { get; init; }

    [JsonPropertyName("podAffinity")]
    public LabelSelector? PodAffinity { get; init; }

    [JsonPropertyName("namespaceAffinity")]
    public LabelSelector? NamespaceAffinity { get; init; }

    /// <summary>Non-empty replaces <see cref="NamespaceAffinity"/>.</summary>
    [JsonPropertyName("namespaceName")]
    public IReadOnlyList<string>? NamespaceName { get; init; }

    [JsonPropertyName("nodeAffinity")]
    public LabelSelector? NodeAffinity { get; init; }

    /// <summary>Non-empty replaces <see cref="NodeAffinity"/>.</summary>
    [JsonPropertyName("nodeName")]
    public IReadOnlyList<string>? NodeName { get; init; }

    /// <summary>NetworkAttachmentDefinitions, each <c>name</c> or <c>namespace/name</c>.</summary>
    [JsonPropertyName("multusName")]
    public IReadOnlyList<string>? MultusName { get; init; }

    /// <summary>CRD default false.</summary>
    [JsonPropertyName("default")]
    public bool? Default { get; init; }

    /// <summary>CRD default false; true stops new allocations, releases still work.</summary>
    [JsonPropertyName("disable")]
    public bool? Disable { get; init; }
}
