namespace Spiderpool.Grains.Interfaces.Nodes;

/// <summary>
/// A node as its grain sees it. <see cref="Reporting"/> is false when the NodeHost missed three heartbeats (or never
/// registered since the grain was activated): its addresses stay held, but nothing answers on that node.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.NodeStatus")]
public sealed record NodeStatus
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public NodeRegistration? Registration { get; init; }
    [Id(2)] public DateTimeOffset? LastSeen { get; init; }
    [Id(3)] public bool Reporting { get; init; }
}
