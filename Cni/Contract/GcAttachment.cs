using System.Text.Json.Serialization;

namespace Spiderpool.Cni.Contract;

/// <summary>One still-valid attachment in an <see cref="IpamGcArgs"/>.</summary>
public sealed record GcAttachment
{
    /// <summary>CNI_CONTAINERID given at ADD.</summary>
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    /// <summary>CNI_IFNAME given at ADD (CNI spells it <c>ifname</c>; this contract, like the rest of it, <c>ifName</c>).</summary>
    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }
}
