using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// Walks the attributes (<c>nlattr</c>: u16 length including the 4-byte header, u16 type, value, padding to 4)
/// of a message or of a nested attribute. The NLA_F_NESTED and NLA_F_NET_BYTEORDER bits are stripped from the
/// type: the kernel sets them on some nests, and the attribute numbers are the same without them.
/// </summary>
internal ref struct NetlinkAttributeReader
{
    private const ushort TypeMask = 0x3fff;
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
    }

    /// <summary>Reads the next attribute; false at the end. Throws <see cref="NetlinkDecodeException"/> on a malformed one.</summary>
    public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
    {
        // A trailing fragment shorter than an attribute header is padding some producers leave; nothing to read.
        if (_remaining.Length < 4)
        {
            _remaining = default;
            type = 0;
            value = default;
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(_remaining);
        if (length < 4 || length > _remaining.Length)
        {
            ThrowHelper.ThrowDecode($"netlink attribute length {length} is outside the 4..{_remaining.Length} bytes left");
        }

        type = (ushort)(MemoryMarshal.Read<ushort>(_remaining[2..]) & TypeMask);
        value = _remaining[4..length];
        var advance = Math.Min(NetlinkAlign.Align(length), _remaining.Length);
        _remaining = _remaining[advance..];
        return true;
    }
}
