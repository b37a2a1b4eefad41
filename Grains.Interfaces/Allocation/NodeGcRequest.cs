namespace Spiderpool.Grains.Interfaces.Allocation;

/// <summary>
/// CNI GC for one network on one node: every address held there for <see cref="NetName"/> whose container is not
/// among <see cref="ValidContainerIds"/> (the runtime's <c>cni.dev/valid-attachments</c>) is released. Matched on the
/// container alone: an attachment whose container is still valid is kept even if that interface is not listed.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.NodeGcRequest")]
public sealed record NodeGcRequest
{
    [Id(0)] public string Node { get; init; } = "";
    [Id(1)] public string NetName { get; init; } = "";
    [Id(2)] public IReadOnlyList<string> ValidContainerIds { get; init; } = [];
}
