namespace Spiderpool.Cni.Plugin;

/// <summary>An IPAM plugin's ADD result: addresses, routes and DNS, without <c>interfaces</c> (CNI section 5).</summary>
internal sealed record CniResult(IReadOnlyList<CniIpConfig> Ips, IReadOnlyList<CniRoute> Routes, CniDns Dns);
