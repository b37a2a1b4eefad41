using System.Collections.ObjectModel;
using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// What pool selection needs to know about one SpiderIPPool without calling its grain (spec §3.3–§3.5): identity,
/// family, state flags and the affinity fields of <c>spec</c>, plus the pool's <c>metadata.labels</c> (an auto-created
/// pool carries <c>ipam.spidernet.io/owner-application-*</c>, spec §2.5). Selectors are null when unset in the spec:
/// "unset" and "set but empty" differ for sorting (§3.5) even though an empty selector matches everything.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolIndexEntry")]
public sealed record PoolIndexEntry
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public IpFamily Family { get; init; }
    /// <summary>The pool has a deletionTimestamp.</summary>
    [Id(2)] public bool Terminating { get; init; }
    [Id(3)] public bool Disable { get; init; }
    [Id(4)] public bool Default { get; init; }
    [Id(5)] public LabelSelector? PodAffinity { get; init; }
    [Id(6)] public LabelSelector? NamespaceAffinity { get; init; }
    [Id(7)] public IReadOnlyList<string> NamespaceName { get; init; } = [];
    [Id(8)] public LabelSelector? NodeAffinity { get; init; }
    [Id(9)] public IReadOnlyList<string> NodeName { get; init; } = [];
    /// <summary><c>spec.multusName</c>: <c>namespace/name</c> or a bare name (meaning the Spiderpool install namespace).</summary>
    [Id(10)] public IReadOnlyList<string> MultusName { get; init; } = [];
    [Id(11)] public IReadOnlyDictionary<string, string> Labels { get; init; } = ReadOnlyDictionary<string, string>.Empty;
}
