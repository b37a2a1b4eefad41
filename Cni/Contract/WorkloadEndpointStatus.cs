using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>Answer of <c>GET /v1/workloadendpoint</c>: what NodeHost recorded for a pod (its SpiderEndpoint).</summary>
public sealed record WorkloadEndpointStatus
{
    /// <summary>The pod's namespace.</summary>
    [JsonPropertyName("podNamespace")]
    public required string PodNamespace { get; init; }

    /// <summary>The pod's name.</summary>
    [JsonPropertyName("podName")]
    public required string PodName { get; init; }

    /// <summary>The uid of the pod the record belongs to.</summary>
    [JsonPropertyName("podUID")]
    public required string PodUid { get; init; }

    /// <summary>The node the pod runs on.</summary>
    [JsonPropertyName("node")]
    public required string Node { get; init; }

    /// <summary>One entry per interface of the pod.</summary>
    [JsonPropertyName("interfaces")]
    public required IReadOnlyList<InterfaceDetail> Interfaces { get; init; }
}
