using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>
/// The part of a Kubernetes object's <c>metadata</c> a manifest sets. Fields the API server fills in (uid,
/// resourceVersion, finalizers, ownerReferences…) are not here yet.
/// </summary>
public sealed record ObjectMeta
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Only for namespaced kinds; SpiderIPPool and SpiderReservedIP are cluster-scoped.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
