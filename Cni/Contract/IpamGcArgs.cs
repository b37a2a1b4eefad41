using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>
/// Body of <c>POST /v1/ipam/gc</c> (ours, CNI 1.1 GC): NodeHost releases this node's allocations of network
/// <see cref="NetName"/> whose (containerID, ifName) is not in <see cref="ValidAttachments"/>.
/// </summary>
/// <remarks>
/// Both fields are required: an absent list must never be read as "nothing is valid", which would release every
/// address of the network on the node.
/// </remarks>
public sealed record IpamGcArgs
{
    /// <summary>The CNI network config <c>name</c> (the <see cref="IpamAddArgs.NetName"/> given at ADD).</summary>
    [JsonPropertyName("netName")]
    public required string NetName { get; init; }

    /// <summary>The attachments the runtime still has (CNI's <c>cni.dev/valid-attachments</c>).</summary>
    [JsonPropertyName("validAttachments")]
    public required IReadOnlyList<GcAttachment> ValidAttachments { get; init; }
}
