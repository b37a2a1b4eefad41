namespace Spiderpool.Grains.Interfaces.Nodes;

/// <summary>
/// One Kubernetes node. Key: the node name. Its NodeHost registers at start and reports on a heartbeat; the grain
/// keeps the node's CNI attachments (durably, group-committed) so that CNI GC and cleanup can work per node.
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

    [Alias("Attach")]
    Task AttachAsync(NodeAttachment attachment);

    /// <summary>Forgets attachments of <paramref name="containerId"/> (all interfaces when <paramref name="ifName"/> is null).</summary>
    [Alias("Detach")]
    Task DetachAsync(string containerId, string? ifName);

    /// <summary>Asks the node's NodeHost (through its observer) whether an attachment still exists; null when no NodeHost answers.</summary>
    [Alias("Probe")]
    Task<bool?> ProbeAttachmentAsync(NodeAttachment attachment);
}
