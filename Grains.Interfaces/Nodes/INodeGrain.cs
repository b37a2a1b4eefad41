namespace Spiderpool.Grains.Interfaces.Nodes;

/// <summary>
/// One Kubernetes node. Key: the node name. Its NodeHost registers at start and reports on a heartbeat. What the node
/// holds is not kept here: CNI GC reads it from the pools' rows (<c>IAllocatorGrain.CollectGarbageAsync</c>), which
/// are durable before an ADD answers; a list written beside them would be lost by a crash between the two writes.
/// </summary>
[Alias("spiderpool.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task RegisterAsync(NodeRegistration registration, INodeObserver? observer);

    /// <summary>Records that the NodeHost is alive; false means the grain lost its registration (re-register).</summary>
    [Alias("Heartbeat")]
    Task<bool> HeartbeatAsync();

    [Alias("GetStatus")]
    Task<NodeStatus> GetStatusAsync();

    /// <summary>Asks the node's NodeHost (through its observer) whether an attachment still exists; null when no NodeHost answers.</summary>
    [Alias("Probe")]
    Task<bool?> ProbeAttachmentAsync(NodeAttachment attachment);
}
