namespace Spiderpool.Grains.Interfaces.Nodes;

/// <summary>What a NodeHost reports about its node when it starts and on every heartbeat.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.NodeRegistration")]
public sealed record NodeRegistration
{
    [Id(0)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    [Id(1)] public IReadOnlyList<string> Addresses { get; init; } = [];
    [Id(2)] public string PluginVersion { get; init; } = "";
    [Id(3)] public string HostVersion { get; init; } = "";
    /// <summary>How often the NodeHost promises to report; the node counts as silent after three missed beats.</summary>
    [Id(4)] public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);
}
