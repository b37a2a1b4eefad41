namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// Walks the messages in one datagram from the kernel. A datagram holds whole messages, each starting on a 4-byte
/// boundary; a length that is shorter than the header or runs past the datagram is a decode error (reading on
/// would misinterpret everything after it).
/// </summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
    }

    public bool TryRead(out NetlinkHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (_remaining.IsEmpty)
        {
            return false;
        }

        if (_remaining.Length < NetlinkHeader.Size)
        {
            return ThrowHelper.ThrowDecode<bool>($"{_remaining.Length} trailing bytes are too short for a {NetlinkHeader.Size}-byte netlink header");
        }

        header = NetlinkHeader.Read(_remaining);
        if (header.Length < NetlinkHeader.Size || header.Length > (uint)_remaining.Length)
        {
            return ThrowHelper.ThrowDecode<bool>($"netlink message length {header.Length} is outside the {NetlinkHeader.Size}..{_remaining.Length} bytes left");
        }

        var length = (int)header.Length;
        payload = _remaining[NetlinkHeader.Size..length];
        _remaining = _remaining[Math.Min(NetlinkAlign.Align(length), _remaining.Length)..];
        return true;
    }
}
