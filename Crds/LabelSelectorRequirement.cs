using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>One <c>matchExpressions</c> entry of a <see cref="LabelSelector"/>.</summary>
public sealed record LabelSelectorRequirement
{
    [JsonPropertyName("key"), JsonRequired]
    public string Key { get; init; } = "";

    /// <summary><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>; a string so a wrong operator reaches validation and its message.</summary>
    [JsonPropertyName("operator"), JsonRequired]
    public string Operator { get; init; } = "";

    [JsonPropertyName("values")]
    public IReadOnlyList<string>? Values { get; init; }
}
