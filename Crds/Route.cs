using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary>An entry of <c>spec.routes</c>: destination CIDR via a gateway, both required.</summary>
public sealed record Route
{
    [JsonPropertyName("dst"), JsonRequired]
    public string Dst { get; init; } = "";

    [JsonPropertyName("gw"), JsonRequired]
    public string Gw { get; init; } = "";
}
