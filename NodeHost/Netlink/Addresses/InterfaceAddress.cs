using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Addresses;

/// <summary>An address as the kernel reports it (RTM_NEWADDR in a dump).</summary>
public sealed record InterfaceAddress(int LinkIndex, IPAddress Address, int PrefixLength)
{
    public AddressFamily Family => Address.AddressFamily;

    /// <summary>IFA_FLAGS when present (it carries the bits above 0xff), otherwise ifa_flags.</summary>
    public AddressFlags Flags { get; init; }

    public RouteScope Scope { get; init; }

    /// <summary>The far end of a point-to-point address, when it differs from <see cref="Address"/>.</summary>
    public IPAddress? Peer { get; init; }

    public string? Label { get; init; }

    public bool IsTentative => (Flags & AddressFlags.Tentative) != 0;
}
