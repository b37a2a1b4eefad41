using System.Net;
using System.Net.Sockets;

namespace Spiderpool.Netlink.Protocol;

/// <summary>Maps between .NET address families and the kernel's AF_* bytes, and builds prefixes from wire values.</summary>
internal static class AddressFamilies
{
    public const byte Unspecified = 0;
    public const byte Inet = 2;
    public const byte Inet6 = 10;

    public static byte ToKernel(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => Inet,
        AddressFamily.InterNetworkV6 => Inet6,
        AddressFamily.Unspecified => Unspecified,
        _ => throw new ArgumentException($"address family {family} is not IPv4 or IPv6", nameof(family)),
    };

    /// <summary>The .NET family for an AF_* byte, or null for families this library does not model (MPLS, bridge, ...).</summary>
    public static AddressFamily? FromKernel(byte family) => family switch
    {
        Inet => AddressFamily.InterNetwork,
        Inet6 => AddressFamily.InterNetworkV6,
        _ => null,
    };

    public static int AddressLength(AddressFamily family) => family == AddressFamily.InterNetwork ? 4 : 16;

    public static IPAddress Any(AddressFamily family) =>
        family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;

    /// <summary>
    /// A prefix from an address and a length read off the wire. Host bits are cleared (the kernel never sends
    /// them for a route or rule, and <see cref="IPNetwork"/> refuses them); a length beyond the family's width is a
    /// decode error.
    /// </summary>
    public static IPNetwork Prefix(IPAddress address, int prefixLength, string name)
    {
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixLength > bits)
        {
            return ThrowHelper.ThrowDecode<IPNetwork>($"{name} prefix length {prefixLength} exceeds {bits} bits");
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        bytes = bytes[..written];
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }

    /// <summary>Checks that an address given for a request has the family of the rest of the request.</summary>
    public static void RequireFamily(IPAddress? address, AddressFamily family, string what)
    {
        if (address is not null && address.AddressFamily != family)
        {
            throw new ArgumentException($"{what} {address} is {Describe(address.AddressFamily)} but the request is {Describe(family)}; use addresses of one family", what);
        }
    }

    public static string Describe(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => "IPv4",
        AddressFamily.InterNetworkV6 => "IPv6",
        _ => family.ToString(),
    };
}
