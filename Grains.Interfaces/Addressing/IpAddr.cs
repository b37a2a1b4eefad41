using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>
/// An IPv4 or IPv6 address as a number, so that ranges and sets are plain integer arithmetic.
/// IPv4 uses the low 32 bits. Ordering is by family first (V4 before V6), then by value.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.IpAddr")]
public readonly record struct IpAddr : IComparable<IpAddr>
{
    [Id(0)] public IpFamily Family { get; }
    [Id(1)] public UInt128 Value { get; }

    public IpAddr(IpFamily family, UInt128 value)
    {
        if (family == IpFamily.V4 && value > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "an IPv4 address must fit in 32 bits");
        }

        Family = family;
        Value = value;
    }

    /// <summary>The largest value of the family (255.255.255.255 or ffff:...:ffff).</summary>
    public static UInt128 MaxValueOf(IpFamily family) => family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue;

    /// <summary>Number of bits of an address of the family.</summary>
    public static int BitsOf(IpFamily family) => family == IpFamily.V4 ? 32 : 128;

    public static IpAddr FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return new IpAddr(IpFamily.V4, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        if (address.ScopeId != 0)
        {
            throw new FormatException($"'{address}' has a zone index; pool addresses cannot carry one");
        }

        address.TryWriteBytes(bytes, out _);
        return new IpAddr(IpFamily.V6, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    public IPAddress ToIPAddress()
    {
        if (Family == IpFamily.V4)
        {
            Span<byte> b4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b4, (uint)Value);
            return new IPAddress(b4);
        }

        Span<byte> b16 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b16, Value);
        return new IPAddress(b16);
    }

    /// <summary>Parses a bare address (no prefix, no zone). Dotted-quad IPv4 must have four parts.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpAddr? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || text.Contains('%', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        // IPAddress.TryParse accepts "10" or "10.1" as IPv4 shorthands; Spiderpool (Go's net.ParseIP) does not.
        if (!HasGoAddressSyntax(text))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = FromIPAddress(parsed);
        return true;
    }

    /// <summary>
    /// IPAddress.TryParse also takes forms Go's net.ParseIP refuses: IPv4 shorthands ("10.1"), octal and hex parts
    /// ("010.0.0.1" silently becomes 8.0.0.1, "0x0a.0.0.1") and bracketed IPv6 ("[fd00::1]"). Accepting them would let
    /// a pool mean a different address here than in Spiderpool, so they are rejected before .NET sees the text.
    /// </summary>
    private static bool HasGoAddressSyntax(string text)
    {
        if (text.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            return false;
        }

        var lastColon = text.LastIndexOf(':');
        var tail = text.AsSpan(lastColon + 1);
        if (lastColon >= 0 && !tail.Contains('.'))
        {
            return true;
        }

        // Plain IPv4, or the embedded IPv4 tail of an IPv6 address ("::ffff:10.0.0.1").
        return IsDecimalDottedQuad(tail);
    }

    private static bool IsDecimalDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            parts++;
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }
        }

        return parts == 4;
    }

    public static IpAddr Parse(string text) =>
        TryParse(text, out var address) ? address.Value : throw new FormatException($"'{text}' is not an IP address");

    /// <summary>The next address, or null at the end of the family's space.</summary>
    public IpAddr? Next() => Value == MaxValueOf(Family) ? null : new IpAddr(Family, Value + 1);

    /// <summary>The previous address, or null at 0.</summary>
    public IpAddr? Previous() => Value == UInt128.Zero ? null : new IpAddr(Family, Value - 1);

    public int CompareTo(IpAddr other)
    {
        var byFamily = Family.CompareTo(other.Family);
        return byFamily != 0 ? byFamily : Value.CompareTo(other.Value);
    }

    public static bool operator <(IpAddr left, IpAddr right) => left.CompareTo(right) < 0;
    public static bool operator >(IpAddr left, IpAddr right) => left.CompareTo(right) > 0;
    public static bool operator <=(IpAddr left, IpAddr right) => left.CompareTo(right) <= 0;
    public static bool operator >=(IpAddr left, IpAddr right) => left.CompareTo(right) >= 0;

    /// <summary>Canonical text: dotted IPv4, RFC 5952 compressed lowercase IPv6.</summary>
    public override string ToString() => ToIPAddress().ToString();
}
