using System.Buffers;

namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>
/// Spiderpool's grammar for <c>ips</c>, <c>excludeIPs</c> and reserved IPs: each entry is one address
/// ("172.18.40.10") or an inclusive range ("172.18.40.1-172.18.40.9") with no spaces, start &lt;= end and both ends of
/// one family. Errors quote the offending entry and say what to write instead, because they end up in front of the
/// person who typed the pool manifest.
/// </summary>
public static class IpRangeParser
{
    private static readonly SearchValues<char> DecimalDotted = SearchValues.Create("0123456789.");

    public static bool TryParseRange(string? text, out IpRange range, out string error)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "'': empty entry; write an address such as 10.0.0.1 or a range such as 10.0.0.1-10.0.0.9";
            return false;
        }

        if (text.Any(char.IsWhiteSpace))
        {
            error = text.Contains('-', StringComparison.Ordinal)
                ? $"'{text}': spaces are not allowed; write a-b"
                : $"'{text}': spaces are not allowed; write the address alone";
            return false;
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            error = IpCidr.TryParse(text, out var cidr, out _)
                ? $"'{text}': CIDR notation is not allowed here; write the range {cidr.Value.ToRange()}"
                : $"'{text}': a prefix is not allowed here; write an address or a range a-b";
            return false;
        }

        if (text.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{text}': a zone index (%...) is not allowed; write the address without it";
            return false;
        }

        var parts = text.Split('-');
        if (parts.Length > 2)
        {
            error = $"'{text}': more than one '-'; a range is exactly start-end";
            return false;
        }

        if (parts.Length == 1)
        {
            if (!TryParseAddress(text, text, out var single, out error))
            {
                return false;
            }

            range = IpRange.FromAddress(single);
            return true;
        }

        if (parts[0].Length == 0)
        {
            error = $"'{text}': range start is missing; write start-end";
            return false;
        }

        if (parts[1].Length == 0)
        {
            error = $"'{text}': range end is missing; write start-end";
            return false;
        }

        if (!TryParseAddress(text, parts[0], out var start, out error) || !TryParseAddress(text, parts[1], out var end, out error))
        {
            return false;
        }

        if (start.Family != end.Family)
        {
            error = $"'{text}': range mixes IPv4 and IPv6; both ends must be of one family";
            return false;
        }

        if (start.Value > end.Value)
        {
            error = $"'{text}': range start is after its end";
            return false;
        }

        range = new IpRange(start, end);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Parses a whole list into a normalised set; overlapping or repeated entries are merged, not rejected. With
    /// <paramref name="expectedFamily"/> null the first entry decides the family. Stops at the first bad entry.
    /// </summary>
    public static bool TryParseList(IEnumerable<string> entries, IpFamily? expectedFamily, out IpRangeSet set, out string error)
    {
        ArgumentNullException.ThrowIfNull(entries);
        set = IpRangeSet.Empty;
        var ranges = new List<IpRange>();
        var family = expectedFamily;
        foreach (var entry in entries)
        {
            if (!TryParseRange(entry, out var range, out error))
            {
                return false;
            }

            family ??= range.Family;
            if (range.Family != family)
            {
                var kind = range.Start == range.End ? "address" : "range";
                error = $"'{entry}': {IpCidr.FamilyName(range.Family)} {kind} in an {IpCidr.FamilyName(family.Value)} list";
                return false;
            }

            ranges.Add(range);
        }

        set = IpRangeSet.FromRanges(ranges);
        error = string.Empty;
        return true;
    }

    private static bool TryParseAddress(string entry, string text, out IpAddr address, out string error)
    {
        if (IpAddr.TryParse(text, out var parsed))
        {
            address = parsed.Value;
            error = string.Empty;
            return true;
        }

        address = default;
        var what = ReferenceEquals(entry, text) ? "not an IP address" : $"'{text}' is not an IP address";
        // Digits and dots only means someone meant IPv4; say why it was refused, since .NET and old Go accepted these.
        var hint = text.AsSpan().ContainsAnyExcept(DecimalDotted) ? string.Empty : "; IPv4 needs four decimal parts 0-255 without leading zeros";
        error = $"'{entry}': {what}{hint}";
        return false;
    }
}
