using System.Numerics;

namespace Spiderpool.Grains.Interfaces.Addressing;

/// <summary>
/// An inclusive run of addresses of one family, Start &lt;= End. The text form is Spiderpool's: "a" for a single
/// address, "a-b" otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.IpRange")]
public readonly record struct IpRange
{
    [Id(0)] public IpAddr Start { get; }
    [Id(1)] public IpAddr End { get; }

    public IpRange(IpAddr start, IpAddr end)
    {
        if (start.Family != end.Family)
        {
            throw new ArgumentException($"range {start}-{end} mixes IPv4 and IPv6", nameof(end));
        }

        if (start.Value > end.Value)
        {
            throw new ArgumentException($"range {start}-{end} starts after its end", nameof(end));
        }

        Start = start;
        End = end;
    }

    public static IpRange FromAddress(IpAddr address) => new(address, address);

    public IpFamily Family => Start.Family;

    /// <summary>Number of addresses. BigInteger because the whole IPv6 space holds 2^128, one more than UInt128 can.</summary>
    public BigInteger Count => (BigInteger)(End.Value - Start.Value) + BigInteger.One;

    public bool Contains(IpAddr address) =>
        address.Family == Family && address.Value >= Start.Value && address.Value <= End.Value;

    public bool Contains(IpRange other) =>
        other.Family == Family && other.Start.Value >= Start.Value && other.End.Value <= End.Value;

    public bool Overlaps(IpRange other) =>
        other.Family == Family && other.Start.Value <= End.Value && Start.Value <= other.End.Value;

    public override string ToString() => Start.Value == End.Value ? Start.ToString() : $"{Start}-{End}";
}
