using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// Writes one netlink request: the 16-byte header, the family's fixed header, then attributes (each a 4-byte
/// <c>nlattr</c> header and a value padded to 4 bytes, nested ones patched with their length when closed). The
/// buffer is reused between requests, so a socket allocates it once.
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private const int AttributeHeaderSize = 4;

    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>The bytes written so far (after <see cref="Complete"/>: the whole message).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The message type of the request being built, for error messages.</summary>
    public ushort Type { get; private set; }

    /// <summary>Starts a new message, dropping anything built before.</summary>
    public void Begin(ushort type, NetlinkFlags flags)
    {
        _length = 0;
        Type = type;
        var header = Reserve(NetlinkHeader.Size);
        new NetlinkHeader(0, type, flags, 0, 0).Write(header);
    }

    /// <summary>Appends a zeroed fixed header (ifinfomsg, rtmsg, ...) and returns it for the caller to fill.</summary>
    public Span<byte> AppendFixed(int size) => Reserve(size);

    public void PutBytes(ushort type, ReadOnlySpan<byte> value)
    {
        var attribute = Reserve(AttributeHeaderSize + value.Length);
        WriteAttributeHeader(attribute, type, AttributeHeaderSize + value.Length);
        value.CopyTo(attribute[AttributeHeaderSize..]);
    }

    public void PutU8(ushort type, byte value) => PutBytes(type, [value]);

    public void PutU16(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        MemoryMarshal.Write(bytes, in value);
        PutBytes(type, bytes);
    }

    /// <summary>A 16-bit value in network byte order (<c>__be16</c>), e.g. IFLA_VLAN_PROTOCOL.</summary>
    public void PutU16BigEndian(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        PutBytes(type, bytes);
    }

    public void PutU32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, in value);
        PutBytes(type, bytes);
    }

    public void PutS32(ushort type, int value) => PutU32(type, unchecked((uint)value));

    /// <summary>A NUL-terminated string, as the kernel's NLA_STRING/NLA_NUL_STRING policies expect.</summary>
    public void PutString(ushort type, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var attribute = Reserve(AttributeHeaderSize + byteCount + 1);
        WriteAttributeHeader(attribute, type, AttributeHeaderSize + byteCount + 1);
        Encoding.UTF8.GetBytes(value, attribute[AttributeHeaderSize..]);
    }

    /// <summary>
    /// A string without the terminating NUL, for NLA_STRING attributes where iproute2 sends none (IFLA_INFO_KIND):
    /// the kernel compares them by length, and matching iproute2 byte for byte keeps captured requests comparable.
    /// </summary>
    public void PutStringUnterminated(ushort type, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var attribute = Reserve(AttributeHeaderSize + byteCount);
        WriteAttributeHeader(attribute, type, AttributeHeaderSize + byteCount);
        Encoding.UTF8.GetBytes(value, attribute[AttributeHeaderSize..]);
    }

    /// <summary>An address in network byte order: 4 bytes for IPv4, 16 for IPv6.</summary>
    public void PutAddress(ushort type, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        PutBytes(type, bytes[..written]);
    }

    /// <summary>Opens a nested attribute; pass the returned offset to <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var offset = _length;
        var header = Reserve(AttributeHeaderSize);
        WriteAttributeHeader(header, type, 0);
        return offset;
    }

    /// <summary>Closes a nested attribute: its length covers everything appended since it was opened.</summary>
    public void EndNested(int offset)
    {
        var length = (ushort)(_length - offset);
        MemoryMarshal.Write(_buffer.AsSpan(offset), in length);
    }

    /// <summary>Patches the total length and the sequence number and returns the finished message.</summary>
    public ReadOnlySpan<byte> Complete(uint sequence)
    {
        var length = (uint)_length;
        MemoryMarshal.Write(_buffer.AsSpan(0), in length);
        MemoryMarshal.Write(_buffer.AsSpan(8), in sequence);
        return Written;
    }

    private static void WriteAttributeHeader(Span<byte> destination, ushort type, int length)
    {
        if (length > ushort.MaxValue)
        {
            ThrowHelper.ThrowArgument($"netlink attribute {type} would be {length} bytes; an attribute holds at most 65535", nameof(length));
        }

        var attributeLength = (ushort)length;
        MemoryMarshal.Write(destination, in attributeLength);
        MemoryMarshal.Write(destination[2..], in type);
    }

    /// <summary>Appends <paramref name="size"/> zeroed bytes plus padding to the next 4-byte boundary.</summary>
    private Span<byte> Reserve(int size)
    {
        var padded = NetlinkAlign.Align(size);
        if (_length + padded > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + padded));
        }

        var span = _buffer.AsSpan(_length, padded);
        span.Clear();
        _length += padded;
        return span[..size];
    }
}
