namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// An allocation for one pod: every listed interface, each IPv4, IPv6 or both, all or nothing. Idempotent on
/// (<see cref="ContainerId"/>, interface). <see cref="PodUid"/> may be empty outside Kubernetes; the container id
/// stands in for it then. <see cref="PodName"/> is the endpoint name (<see cref="PodRef.EndpointName"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.AllocationRequest")]
public sealed record AllocationRequest
{
    [Id(0)] public string PodNamespace { get; init; } = "";
    [Id(1)] public string PodName { get; init; } = "";
    [Id(2)] public string PodUid { get; init; } = "";
    [Id(3)] public string ContainerId { get; init; } = "";
    [Id(4)] public string Node { get; init; } = "";
    [Id(5)] public IReadOnlyList<InterfaceRequest> Interfaces { get; init; } = [];

    /// <summary>The workload key: <c>namespace/name</c> (<see cref="PodName"/> is already the endpoint name).</summary>
    public string PodKey => $"{PodNamespace}/{PodName}";

    /// <summary>The uid addresses are held under.</summary>
    public string EffectiveUid => new PodRef { Uid = PodUid }.EffectiveUid(ContainerId);
}
