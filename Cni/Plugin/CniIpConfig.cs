using System.Net;

namespace Spiderpool.Cni.Plugin;

/// <summary>One address of an ADD result.</summary>
internal sealed record CniIpConfig(IPAddress Address, int Prefix, IPAddress? Gateway);
