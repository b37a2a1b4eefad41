using System.Net;

namespace Spiderpool.Cni.Plugin;

/// <summary>One route of an ADD result; <see cref="Destination"/> is a network (host bits cleared).</summary>
internal sealed record CniRoute(IPAddress Destination, int Prefix, IPAddress? Gateway);
