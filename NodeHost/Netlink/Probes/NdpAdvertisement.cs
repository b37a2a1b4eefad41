using System.Net;
using System.Net.NetworkInformation;

namespace Spiderpool.Netlink.Probes;

/// <summary>A decoded ICMPv6 neighbour advertisement (RFC 4861 §4.4).</summary>
/// <param name="Source">The IPv6 source address.</param>
/// <param name="Target">The address being advertised.</param>
/// <param name="Flags">R (0x80, router), S (0x40, solicited), O (0x20, override).</param>
/// <param name="TargetMac">The target link-layer address option, if present.</param>
/// <param name="EthernetSource">The frame's source MAC.</param>
internal readonly record struct NdpAdvertisement(IPAddress Source, IPAddress Target, byte Flags, PhysicalAddress? TargetMac, PhysicalAddress EthernetSource);
