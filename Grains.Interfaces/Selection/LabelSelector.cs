using System.Collections.ObjectModel;

namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// A Kubernetes LabelSelector (<c>matchLabels</c> AND <c>matchExpressions</c>). An empty selector matches every
/// object; an absent one (a null reference where a selector is optional) means "no constraint" to pool filtering.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.LabelSelector")]
public sealed record LabelSelector
{
    [Id(0)] public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    [Id(1)] public IReadOnlyList<LabelSelectorRequirement> MatchExpressions { get; init; } = [];
}
