namespace Spiderpool.Silo.Crds;

/// <summary>One SpiderReservedIP as the reserved-IP registry takes it; <see cref="IpVersion"/> 0 = infer from the first entry.</summary>
public sealed record ReservedIpSet(string Name, int IpVersion, IReadOnlyList<string> Ips);
