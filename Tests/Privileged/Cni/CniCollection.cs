using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The CNI test classes run one after another: each starts a NodeHost with a silo, and on a 2-core machine several
/// at once would turn the "answers within seconds" bounds and ARP probe deadlines into a measure of CPU contention.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CniCollection
{
    public const string Name = "CNI path";
}
