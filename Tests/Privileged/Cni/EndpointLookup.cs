using Spiderpool.Cni.Contract;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>NodeHost's answer to <c>GET /v1/workloadendpoint</c>: 200 with the record, 404 when the pod holds nothing.</summary>
public sealed record EndpointLookup(int Status, WorkloadEndpointStatus? Endpoint, string Body)
{
    /// <summary>Every address the pod holds, on any interface (CIDR text as NodeHost records it).</summary>
    public IReadOnlyList<string> Addresses => Endpoint?.Interfaces
        .SelectMany(i => new[] { i.IPv4, i.IPv6 })
        .OfType<string>()
        .ToList() ?? [];
}
