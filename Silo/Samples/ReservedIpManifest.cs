using Spiderpool.Silo.Crds;
using Spiderpool.Silo.Manifests;

namespace Spiderpool.Silo.Samples;

/// <summary>A SpiderReservedIP read from a manifest, mapped to what the reserved-IP registry takes.</summary>
public sealed record ReservedIpManifest(ReservedIpSet Set, ManifestSource Source);
