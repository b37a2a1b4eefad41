using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>Every pool's selection-relevant spec, as of <see cref="Version"/> (opaque; changes whenever an entry does).</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.PoolIndexSnapshot")]
public sealed record PoolIndexSnapshot([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<PoolIndexEntry> Entries);
