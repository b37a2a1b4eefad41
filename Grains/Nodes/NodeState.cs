using Spiderpool.Grains.Interfaces.Nodes;

namespace Spiderpool.Grains.Nodes;

/// <summary>Stored state of a node grain: the last registration and the node's attachments.</summary>
[GenerateSerializer, Alias("spiderpool.NodeState")]
public sealed class NodeState
{
    [Id(0)] public NodeRegistration? Registration { get; set; }
    [Id(1)] public List<NodeAttachment> Attachments { get; set; } = [];
}
