using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>
/// A <c>SpiderReservedIP</c> (spec §1.3): cluster-scoped, plural <c>spiderreservedips</c>, short name <c>sr</c>,
/// no status. All of a family form one deny-list for every pool of that family.
/// </summary>
public sealed record SpiderReservedIP
{
    public const string KindName = "SpiderReservedIP";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = CrdGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init; } = new();

    [JsonPropertyName("spec")]
    public ReservedIPSpec Spec { get; init; } = new();
}
