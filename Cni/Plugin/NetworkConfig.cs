using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>The network config from stdin, validated for the verb.</summary>
internal sealed record NetworkConfig
{
    /// <summary>A version from <see cref="CniVersions.Supported"/> that allows the verb.</summary>
    public required string CniVersion { get; init; }

    /// <summary>The network name (<c>name</c>); NodeHost records it so GC can find the network's allocations.</summary>
    public required string Name { get; init; }

    /// <summary>The main plugin's <c>type</c> (e.g. macvlan), for the log.</summary>
    public string? Type { get; init; }

    public IpamConfig Ipam { get; init; } = new();

    /// <summary>Parsed for every verb but DEL (which must not fail on what it does not use); CHECK requires it.</summary>
    public PrevResult? PrevResult { get; init; }

    /// <summary><c>cni.dev/valid-attachments</c>; always set for GC.</summary>
    public IReadOnlyList<GcAttachment>? ValidAttachments { get; init; }

    /// <summary><c>runtimeConfig.ips</c> (ADD only): static addresses the runtime asks for.</summary>
    public IReadOnlyList<string> RuntimeIps { get; init; } = [];
}
