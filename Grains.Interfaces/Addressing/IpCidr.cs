using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>
/// A CIDR block such as "10.6.0.0/16" or "fd00::/64". <see cref="Network"/> keeps the address exactly as written,
/// host bits included, because Spiderpool rejects a non-canonical pool <c>subnet</c> rather than silently masking it;
/// <see cref="IsCanonical"/> tells the caller whether to complain, and <see cref="Canonical"/> what to suggest.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.IpCidr")]
public readonly record struct IpCidr
{
    [Id(0)] public IpAddr Network { get; }
    [Id(1)] public int PrefixLength { get; }

    public IpCidr(IpAddr network, int prefixLength)
    {
        if (prefixLength < 0 || prefixLength > IpAddr.BitsOf(network.Family))
        {
            throw new ArgumentOutOfRangeException(
                nameof(prefixLength),
                $"a {FamilyName(network.Family)} prefix length must be between 0 and {IpAddr.BitsOf(network.Family)}");
        }

        Network = network;
        PrefixLength = prefixLength;
    }

    public IpFamily Family => Network.Family;

    /// <summary>True when the written address has no host bits, i.e. the text is what Spiderpool accepts as a subnet.</summary>
    public bool IsCanonical => (Network.Value & HostMask) == UInt128.Zero;

    /// <summary>The same block with host bits cleared ("10.6.0.1/16" becomes "10.6.0.0/16").</summary>
    public IpCidr Canonical => new(First, PrefixLength);

    /// <summary>The network address. Spiderpool hands it out like any other address, so it is not excluded here.</summary>
    public IpAddr First => new(Family, Network.Value & ~HostMask);

    /// <summary>The last address of the block (the IPv4 broadcast address is included, as in Spiderpool).</summary>
    public IpAddr Last => new(Family, (Network.Value & ~HostMask) | HostMask);

    /// <summary>Bits of the address not covered by the prefix, as a mask in the family's width.</summary>
    private UInt128 HostMask
    {
        get
        {
            // UInt128 shifts are taken modulo 128, so a /0 IPv6 mask cannot be computed by shifting.
            var hostBits = IpAddr.BitsOf(Family) - PrefixLength;
            return hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
        }
    }

    public bool Contains(IpAddr address) =>
        address.Family == Family && address.Value >= First.Value && address.Value <= Last.Value;

    public bool Contains(IpRange range) => Contains(range.Start) && Contains(range.End);

    public IpRange ToRange() => new(First, Last);

    /// <summary>
    /// True when the two blocks share at least one address. Unlike Spiderpool's IsCIDROverlap this also reports two
    /// identical blocks as overlapping; Spiderpool catches that case separately, here one check covers both.
    /// </summary>
    public bool Overlaps(IpCidr other) => other.Family == Family && ToRange().Overlaps(other.ToRange());

    /// <summary>
    /// Parses "address/prefix" like Go's net.ParseCIDR: a plain address (no zone), a decimal prefix within the family's
    /// width. A block with host bits set parses; check <see cref="IsCanonical"/> where Spiderpool demands the canonical form.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpCidr? cidr, out string error)
    {
        cidr = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "'': empty CIDR; write a block such as 10.6.0.0/16 or fd00::/64";
            return false;
        }

        if (text.Any(char.IsWhiteSpace))
        {
            error = $"'{text}': spaces are not allowed in a CIDR";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"'{text}': missing prefix length; write address/prefix such as 10.6.0.0/16";
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!IpAddr.TryParse(addressText, out var address))
        {
            error = $"'{text}': '{addressText}' is not an IP address";
            return false;
        }

        var maxPrefix = IpAddr.BitsOf(address.Value.Family);
        if (prefixText.Length == 0
            || prefixText.AsSpan().ContainsAnyExceptInRange('0', '9')
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > maxPrefix)
        {
            error = $"'{text}': prefix length '{prefixText}' must be a number from 0 to {maxPrefix} for {FamilyName(address.Value.Family)}";
            return false;
        }

        cidr = new IpCidr(address.Value, prefix);
        error = string.Empty;
        return true;
    }

    public static IpCidr Parse(string text) =>
        TryParse(text, out var cidr, out var error) ? cidr.Value : throw new FormatException(error);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    internal static string FamilyName(IpFamily family) => family == IpFamily.V4 ? "IPv4" : "IPv6";
}
