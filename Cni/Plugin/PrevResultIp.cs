using System.Net;

namespace Spiderpool.Cni.Plugin;

/// <summary>One <c>prevResult.ips[]</c> entry.</summary>
internal sealed record PrevResultIp(IPAddress Address, int Prefix, int? Interface)
{
    public override string ToString() => IpText.Format(Address, Prefix);
}
