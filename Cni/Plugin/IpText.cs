using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// Strict parsing of addresses and CIDRs from configs and NodeHost answers. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// alone accepts "10.1", "0x0a.0.0.1" and zone ids, which no CNI result may contain.
/// </summary>
internal static class IpText
{
    public static bool TryParseAddress([NotNullWhen(true)] string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || text.Length > 45)
            return false;

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return text.AsSpan().IndexOfAny('%', '[', ']') < 0
                && IPAddress.TryParse(text, out address)
                && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        Span<byte> octets = stackalloc byte[4];
        var parts = 0;
        foreach (var range in text.AsSpan().Split('.'))
        {
            var part = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (parts == 4 || !TryParseDecimal(part, 255, out var value))
                return false;
            octets[parts++] = (byte)value;
        }

        if (parts != 4)
            return false;

        address = new IPAddress(octets);
        return true;
    }

    /// <summary>Parses "address/prefix"; the address keeps its host bits (it is an interface address, not a network).</summary>
    public static bool TryParseCidr([NotNullWhen(true)] string? text, [NotNullWhen(true)] out IPAddress? address, out int prefix)
    {
        address = null;
        prefix = 0;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0 || !TryParseAddress(text![..slash], out var parsed))
            return false;

        var max = parsed.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!TryParseDecimal(text.AsSpan(slash + 1), max, out prefix))
            return false;

        address = parsed;
        return true;
    }

    /// <summary>The network of a CIDR (host bits cleared), as CNI results carry route destinations.</summary>
    public static IPAddress Network(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    public static string Format(IPAddress address, int prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{address}/{prefix}");

    public static int Version(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 4 : 6;

    // Decimal without sign or leading zeros (Go's parsers reject "010" too, where it would be read as octal elsewhere).
    private static bool TryParseDecimal(ReadOnlySpan<char> text, int max, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0'))
            return false;

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}
