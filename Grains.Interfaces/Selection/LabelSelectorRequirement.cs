namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// One <c>matchExpressions</c> entry of a Kubernetes LabelSelector. <see cref="Operator"/> stays a string so an
/// invalid operator read from a CRD reaches validation (and its error message) instead of failing deserialisation.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.LabelSelectorRequirement")]
public sealed record LabelSelectorRequirement
{
    [Id(0)] public string Key { get; init; } = "";
    /// <summary><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c> (case-sensitive, as in Kubernetes).</summary>
    [Id(1)] public string Operator { get; init; } = "";
    [Id(2)] public IReadOnlyList<string> Values { get; init; } = [];
}
