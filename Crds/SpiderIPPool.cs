using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>A <c>SpiderIPPool</c> (spec §1.1): cluster-scoped, plural <c>spiderippools</c>, short name <c>sp</c>.</summary>
public sealed record SpiderIPPool
{
    public const string KindName = "SpiderIPPool";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = CrdGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init; } = new();

    [JsonPropertyName("spec")]
    public IPPoolSpec Spec { get; init; } = new();

    /// <summary>Written by Spiderpool (status subresource), never by the author of a manifest.</summary>
    [JsonPropertyName("status")]
    public IPPoolStatus? Status { get; init; }
}
