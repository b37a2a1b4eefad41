using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// Reads attribute values. Fixed-size values must be at least their size (the kernel pads, never shortens);
/// anything shorter is a malformed message, reported with the attribute's name.
/// </summary>
internal static class NetlinkValue
{
    public static byte U8(ReadOnlySpan<byte> value, string name)
    {
        Require(value, 1, name);
        return value[0];
    }

    public static ushort U16(ReadOnlySpan<byte> value, string name)
    {
        Require(value, 2, name);
        return MemoryMarshal.Read<ushort>(value);
    }

    public static ushort U16BigEndian(ReadOnlySpan<byte> value, string name)
    {
        Require(value, 2, name);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    public static uint U32(ReadOnlySpan<byte> value, string name)
    {
        Require(value, 4, name);
        return MemoryMarshal.Read<uint>(value);
    }

    public static int S32(ReadOnlySpan<byte> value, string name)
    {
        Require(value, 4, name);
        return MemoryMarshal.Read<int>(value);
    }

    /// <summary>A string up to its first NUL (the kernel NUL-terminates; tolerate a missing terminator).</summary>
    public static string String(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order.</summary>
    public static IPAddress Address(ReadOnlySpan<byte> value, string name) => value.Length switch
    {
        4 or 16 => new IPAddress(value),
        _ => ThrowHelper.ThrowDecode<IPAddress>($"{name} is {value.Length} bytes; an address is 4 (IPv4) or 16 (IPv6)"),
    };

    public static PhysicalAddress HardwareAddress(ReadOnlySpan<byte> value) => new(value.ToArray());

    private static void Require(ReadOnlySpan<byte> value, int size, string name)
    {
        if (value.Length < size)
        {
            ThrowHelper.ThrowDecode($"{name} is {value.Length} bytes; expected {size}");
        }
    }
}
