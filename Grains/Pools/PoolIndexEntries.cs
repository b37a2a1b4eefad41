using System.Text.Json;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Pools;

/// <summary>How a pool's stored head becomes its index entry; used by the pool (push) and the index (rebuild).</summary>
internal static class PoolIndexEntries
{
    public static readonly JsonSerializerOptions HeadJson = new(JsonSerializerDefaults.Web);

    public static PoolIndexEntry From(string name, PoolHead head)
    {
        var spec = head.Spec;
        var family = spec.IpVersion == 6 ? IpFamily.V6 : IpFamily.V4;
        return new PoolIndexEntry
        {
            Name = name,
            Family = family,
            Terminating = head.Terminating,
            Disable = spec.Disable,
            Default = spec.Default,
            PodAffinity = spec.PodAffinity,
            NamespaceAffinity = spec.NamespaceAffinity,
            NamespaceName = spec.NamespaceName,
            NodeAffinity = spec.NodeAffinity,
            NodeName = spec.NodeName,
            MultusName = spec.MultusName,
            Labels = spec.Labels,
        };
    }

    public static PoolHead ParseHead(string pool, string json) =>
        JsonSerializer.Deserialize<PoolHead>(json, HeadJson) ?? throw new InvalidDataException($"pool '{pool}': stored head is empty");
}
