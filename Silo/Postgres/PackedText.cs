using System.Text;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// Stores the two long identifiers of a held address (pod uid, container id) as bytes: a canonical lowercase uuid
/// as its 16 bytes, a lowercase hex container id as half as many bytes, each behind a 0x00 marker; anything else as
/// 0x01 followed by its UTF-8, so every string round-trips exactly. This takes a typical held row from ~195 to ~145
/// bytes of heap, which is what keeps a pool within ~256 bytes per held address once churn has left its index
/// pages part-empty. The <c>spiderpool_held_address</c> view decodes both for people reading the database.
/// </summary>
internal static class PackedText
{
    private const byte Packed = 0x00;
    private const byte Utf8 = 0x01;

    public static byte[] PackUuid(string value)
    {
        if (value.Length == 36 && Guid.TryParseExact(value, "D", out var uuid) && IsLowercase(value))
        {
            var bytes = new byte[17];
            bytes[0] = Packed;
            uuid.TryWriteBytes(bytes.AsSpan(1), bigEndian: true, out _);
            return bytes;
        }

        return PackUtf8(value);
    }

    public static string UnpackUuid(byte[] bytes) =>
        bytes[0] == Packed ? new Guid(bytes.AsSpan(1), bigEndian: true).ToString("D") : UnpackUtf8(bytes);

    public static byte[] PackHex(string value)
    {
        if (value.Length == 0 || value.Length % 2 != 0 || !IsLowercaseHex(value))
        {
            return PackUtf8(value);
        }

        var bytes = new byte[1 + value.Length / 2];
        bytes[0] = Packed;
        Convert.FromHexString(value, bytes.AsSpan(1), out _, out _);
        return bytes;
    }

    public static string UnpackHex(byte[] bytes) =>
        bytes[0] == Packed ? Convert.ToHexStringLower(bytes, 1, bytes.Length - 1) : UnpackUtf8(bytes);

    private static byte[] PackUtf8(string value)
    {
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(value)];
        bytes[0] = Utf8;
        Encoding.UTF8.GetBytes(value, bytes.AsSpan(1));
        return bytes;
    }

    private static string UnpackUtf8(byte[] bytes) =>
        bytes[0] == Utf8
            ? Encoding.UTF8.GetString(bytes, 1, bytes.Length - 1)
            : throw new FormatException($"stored identifier starts with marker 0x{bytes[0]:x2}; expected 0x00 or 0x01 (was the row written by another program?)");

    // Guid parsing accepts upper case, which would not survive the round trip.
    private static bool IsLowercase(string value)
    {
        foreach (var c in value)
        {
            if (c is >= 'A' and <= 'F')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowercaseHex(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
