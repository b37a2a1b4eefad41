namespace Spiderpool.Tests.Unit.Netlink;

/// <summary>Expected bytes written as hex with spaces between fields, so a test reads like the struct it checks.</summary>
internal static class Bytes
{
    public static byte[] Hex(string spaced) => Convert.FromHexString(string.Concat(spaced.Where(c => !char.IsWhiteSpace(c))));

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
