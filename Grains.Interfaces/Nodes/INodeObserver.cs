namespace Spiderpool.Grains.Interfaces.Nodes;

/// <summary>Implemented by a NodeHost so the cluster can call it back (for example to re-check an address on the node).</summary>
[Alias("spiderpool.INodeObserver")]
public interface INodeObserver : IGrainObserver
{
    /// <summary>Asks the node whether an attachment still exists there (its network namespace is present).</summary>
    [Alias("AttachmentExists")]
    Task<bool> AttachmentExistsAsync(NodeAttachment attachment);
}
