using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// An NLMSG_ERROR reply (error 0 is the ACK) or the status word of NLMSG_DONE. Layout of NLMSG_ERROR: s32 error
/// (negative errno), the request's nlmsghdr, then the request's payload unless NLM_F_CAPPED is set, then extended-ACK
/// attributes when NLM_F_ACK_TLVS is set (NETLINK_EXT_ACK on the socket).
/// </summary>
internal readonly record struct NetlinkAck(int Errno, NetlinkHeader Request, string? Message, uint? Offset)
{
    private const ushort AttributeMessage = 1;
    private const ushort AttributeOffset = 2;

    public bool IsSuccess => Errno == 0;

    public static NetlinkAck ParseError(NetlinkFlags flags, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4 + NetlinkHeader.Size)
        {
            return ThrowHelper.ThrowDecode<NetlinkAck>($"NLMSG_ERROR payload is {payload.Length} bytes; expected at least {4 + NetlinkHeader.Size}");
        }

        var error = MemoryMarshal.Read<int>(payload);
        var request = NetlinkHeader.Read(payload[4..]);
        var rest = payload[(4 + NetlinkHeader.Size)..];
        if ((flags & NetlinkFlags.Capped) == 0 && error != 0)
        {
            // Without NETLINK_CAP_ACK the kernel echoes the whole request after its header.
            var echoed = Math.Min(NetlinkAlign.Align(Math.Max((int)Math.Min(request.Length, int.MaxValue) - NetlinkHeader.Size, 0)), rest.Length);
            rest = rest[echoed..];
        }

        var (message, offset) = (flags & NetlinkFlags.AckTlvs) != 0 ? ParseTlvs(rest) : (null, null);
        return new NetlinkAck(-error, request, message, offset);
    }

    /// <summary>NLMSG_DONE carries an s32 status (0, or a negative errno if the dump failed part-way).</summary>
    public static NetlinkAck ParseDone(NetlinkFlags flags, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
        {
            return new NetlinkAck(0, default, null, null);
        }

        var error = MemoryMarshal.Read<int>(payload);
        var (message, offset) = (flags & NetlinkFlags.AckTlvs) != 0 ? ParseTlvs(payload[4..]) : (null, null);
        return new NetlinkAck(-error, default, message, offset);
    }

    private static (string? Message, uint? Offset) ParseTlvs(ReadOnlySpan<byte> tlvs)
    {
        string? message = null;
        uint? offset = null;
        var reader = new NetlinkAttributeReader(tlvs);
        while (reader.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case AttributeMessage:
                    message = NetlinkValue.String(value);
                    break;
                case AttributeOffset:
                    offset = NetlinkValue.U32(value, "NLMSGERR_ATTR_OFFS");
                    break;
            }
        }

        return (message, offset);
    }
}
