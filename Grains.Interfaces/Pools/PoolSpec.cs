using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// The part of a SpiderIPPool spec the allocator needs, in Spiderpool's own field names and string forms
/// (spec §1.1.1). <see cref="IpVersion"/> 0 means "infer from <see cref="Subnet"/>", as the mutating webhook does.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolSpec")]
public sealed record PoolSpec
{
    [Id(0)] public int IpVersion { get; init; }
    [Id(1)] public string Subnet { get; init; } = "";
    [Id(2)] public IReadOnlyList<string> Ips { get; init; } = [];
    [Id(3)] public IReadOnlyList<string> ExcludeIps { get; init; } = [];
    [Id(4)] public string? Gateway { get; init; }
    [Id(5)] public IReadOnlyList<PoolRoute> Routes { get; init; } = [];
    [Id(6)] public bool Disable { get; init; }
    [Id(7)] public bool Default { get; init; }
    [Id(8)] public LabelSelector? PodAffinity { get; init; }
    [Id(9)] public LabelSelector? NamespaceAffinity { get; init; }
    /// <summary>Allowed namespaces; non-empty replaces <see cref="NamespaceAffinity"/>.</summary>
    [Id(10)] public IReadOnlyList<string> NamespaceName { get; init; } = [];
    [Id(11)] public LabelSelector? NodeAffinity { get; init; }
    /// <summary>Allowed nodes; non-empty replaces <see cref="NodeAffinity"/>.</summary>
    [Id(12)] public IReadOnlyList<string> NodeName { get; init; } = [];
    /// <summary>Allowed NetworkAttachmentDefinitions, <c>name</c> or <c>namespace/name</c>.</summary>
    [Id(13)] public IReadOnlyList<string> MultusName { get; init; } = [];
    /// <summary>The SpiderIPPool's metadata labels (auto-created pools carry their owner application here).</summary>
    [Id(14)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
