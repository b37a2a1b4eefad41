using Spiderpool.Grains.Interfaces.Nodes;

namespace Spiderpool.NodeHost.Hosting;

/// <summary>The node's answer to call-backs from the cluster.</summary>
internal sealed class NodeObserver : INodeObserver
{
    /// <summary>An attachment exists while its network namespace does (the runtime removes it with the sandbox).</summary>
    public Task<bool> AttachmentExistsAsync(NodeAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return Task.FromResult(!string.IsNullOrEmpty(attachment.Netns) && File.Exists(attachment.Netns));
    }
}
