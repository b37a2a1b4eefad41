using System.Text.Json.Serialization;

namespace Spiderpool.Crds;

/// <summary><c>SpiderIPPool.status</c> (spec §1.1.2).</summary>
public sealed record IPPoolStatus
{
    /// <summary>
    /// A JSON-encoded string, not an object: <c>{"&lt;ip&gt;":{"pod":"&lt;ns&gt;/&lt;name&gt;","podUid":"&lt;uid&gt;"}}</c>;
    /// absent when no address is allocated (the finalizer waits for that).
    /// </summary>
    [JsonPropertyName("allocatedIPs")]
    public string? AllocatedIps { get; init; }

    /// <summary>|ips − excludeIPs|, saturated at 2^63−1; reserved IPs are not subtracted.</summary>
    [JsonPropertyName("totalIPCount")]
    public long? TotalIpCount { get; init; }

    [JsonPropertyName("allocatedIPCount")]
    public long? AllocatedIpCount { get; init; }
}
