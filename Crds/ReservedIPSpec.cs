using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary><c>SpiderReservedIP.spec</c> (spec §1.3).</summary>
public sealed record ReservedIPSpec
{
    /// <summary>4 or 6 (CRD enum); absent means "infer from the first entry of <see cref="Ips"/>". Immutable.</summary>
    [JsonPropertyName("ipVersion")]
    public long? IpVersion { get; init; }

    /// <summary>Single addresses or inclusive ranges <c>a-b</c>, of any pools of the family.</summary>
    [JsonPropertyName("ips")]
    public IReadOnlyList<string>? Ips { get; init; }
}
