using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>A Kubernetes <c>metav1.LabelSelector</c>: <c>matchLabels</c> AND <c>matchExpressions</c>.</summary>
public sealed record LabelSelector
{
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    [JsonPropertyName("matchExpressions")]
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
