using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Silo.Manifests;

namespace Spiderpool.Silo.Samples;

/// <summary>A SpiderIPPool read from a manifest, mapped to what the pool grain takes.</summary>
public sealed record PoolManifest(string Name, PoolSpec Spec, ManifestSource Source);
