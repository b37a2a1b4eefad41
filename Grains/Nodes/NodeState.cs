using Spiderpool.Grains.Interfaces.Nodes;

namespace Spiderpool.Grains.Nodes;

/// <summary>Stored state of a node grain: the last registration. (Id 1 held the node's attachments; not reused.)</summary>
[GenerateSerializer, Alias("spiderpool.NodeState")]
public sealed class NodeState
{
    [Id(0)] public NodeRegistration? Registration { get; set; }
}
