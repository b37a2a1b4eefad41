using System.Net;
using System.Net.NetworkInformation;

namespace Spiderpool.Netlink.Probes;

/// <summary>A decoded Ethernet/IPv4 ARP packet (RFC 826).</summary>
internal readonly record struct ArpMessage(ushort Operation, PhysicalAddress SenderMac, IPAddress SenderIp, PhysicalAddress TargetMac, IPAddress TargetIp)
{
    public const ushort Request = 1;
    public const ushort Reply = 2;
}
