using System.Net;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Addresses;

/// <summary>An address to add, replace or delete on a link: <c>ip addr add Address/PrefixLength dev Link</c>.</summary>
public sealed record AddressSpec
{
    public AddressSpec(LinkRef link, IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefixLength < 0 || prefixLength > bits)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, $"prefix length {prefixLength} is outside 0..{bits} for {address}");
        }

        Link = link;
        Address = address;
        PrefixLength = prefixLength;
    }

    public LinkRef Link { get; }

    public IPAddress Address { get; }

    public int PrefixLength { get; }

    /// <summary>For example <see cref="AddressFlags.NoDad"/> for IPv6 addresses that must work immediately.</summary>
    public AddressFlags Flags { get; init; }

    public RouteScope Scope { get; init; } = RouteScope.Universe;

    /// <summary>IFA_LABEL (IPv4 only, e.g. "eth0:1"); must start with the link's name.</summary>
    public string? Label { get; init; }

    public override string ToString() => $"{Address}/{PrefixLength} on {Link}";
}
