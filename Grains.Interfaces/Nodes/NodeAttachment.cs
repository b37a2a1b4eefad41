namespace Spiderpool.Grains.Interfaces.Nodes;

/// <summary>One CNI attachment on a node: which pod, container and interface, of which network.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.NodeAttachment")]
public sealed record NodeAttachment(
    [property: Id(0)] string PodKey,
    [property: Id(1)] string PodUid,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] string IfName,
    [property: Id(4)] string NetName,
    [property: Id(5)] string Netns);
