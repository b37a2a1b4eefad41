using System.Runtime.InteropServices;
using Spiderpool.Netlink.Interop;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// An AF_NETLINK socket. Like every socket it belongs to the network namespace of the thread that created it for
/// its whole life, whichever thread uses it later: create it inside the target namespace (see
/// <see cref="Namespaces.NetworkNamespace"/>) and then use it from anywhere.
/// </summary>
internal sealed unsafe class NetlinkSocket : INetlinkTransport
{
    public const int NetlinkRoute = 0;

    private const int SolNetlink = 270;
    private const int NetlinkCapAck = 10;
    private const int NetlinkExtAck = 11;

    // A dump datagram is at most 32 KiB (the kernel caps its skb at that); single replies are smaller because we
    // never ask for per-VF link data. Twice that leaves room, and MSG_TRUNC still catches anything larger.
    private const int ReceiveBufferSize = 64 * 1024;

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly SafeFd _fd;
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);

    private NetlinkSocket(SafeFd fd, uint portId)
    {
        _fd = fd;
        PortId = portId;
    }

    /// <summary>The port id the kernel assigned at bind; replies carry it in nlmsg_pid.</summary>
    public uint PortId { get; }

    public static NetlinkSocket Open(int protocol = NetlinkRoute)
    {
        var raw = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (raw < 0)
        {
            ThrowHelper.ThrowLastError("socket(AF_NETLINK, NETLINK_ROUTE)");
        }

        var fd = new SafeFd(raw);
        try
        {
            // Extended ACKs put the kernel's explanation ("Nexthop device is not up") into error replies, and
            // capped ACKs stop it from echoing our whole request back in them. Kernels before 4.12 lack the
            // first; failing to enable either only loses detail, so the result is ignored.
            var one = 1;
            _ = LibC.setsockopt(raw, SolNetlink, NetlinkExtAck, &one, sizeof(int));
            _ = LibC.setsockopt(raw, SolNetlink, NetlinkCapAck, &one, sizeof(int));

            // The kernel answers every request synchronously; the timeout only keeps a wedged kernel (or a bug of
            // ours waiting for a reply that was never asked for) from blocking a daemon thread forever.
            var timeout = new LibC.TimeVal { Seconds = (long)ReplyTimeout.TotalSeconds };
            if (LibC.setsockopt(raw, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, &timeout, (uint)sizeof(LibC.TimeVal)) != 0)
            {
                ThrowHelper.ThrowLastError("setsockopt(SO_RCVTIMEO) on a netlink socket");
            }

            var address = new LibC.SockAddrNetlink { Family = LibC.AF_NETLINK };
            if (LibC.bind(raw, &address, (uint)sizeof(LibC.SockAddrNetlink)) != 0)
            {
                ThrowHelper.ThrowLastError("bind(AF_NETLINK)");
            }

            var length = (uint)sizeof(LibC.SockAddrNetlink);
            if (LibC.getsockname(raw, &address, &length) != 0)
            {
                ThrowHelper.ThrowLastError("getsockname(AF_NETLINK)");
            }

            return new NetlinkSocket(fd, address.PortId);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public void Send(ReadOnlySpan<byte> message)
    {
        var kernel = new LibC.SockAddrNetlink { Family = LibC.AF_NETLINK };
        fixed (byte* bytes = message)
        {
            while (true)
            {
                var sent = LibC.sendto(_fd.Value, bytes, (nuint)message.Length, 0, &kernel, (uint)sizeof(LibC.SockAddrNetlink));
                if (sent >= 0)
                {
                    return;
                }

                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                {
                    ThrowHelper.ThrowLastError($"sendto on a netlink socket ({message.Length} bytes)");
                }
            }
        }
    }

    public ReadOnlySpan<byte> Receive()
    {
        fixed (byte* bytes = _buffer)
        {
            while (true)
            {
                var source = default(LibC.SockAddrNetlink);
                var iov = new LibC.IoVec { Base = bytes, Length = (nuint)_buffer.Length };
                var header = new LibC.MsgHdr
                {
                    Name = &source,
                    NameLength = (uint)sizeof(LibC.SockAddrNetlink),
                    Iov = &iov,
                    IovLength = 1,
                };

                var received = LibC.recvmsg(_fd.Value, &header, 0);
                if (received < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    if (errno == Errno.EAGAIN)
                    {
                        throw new TimeoutException($"netlink: the kernel sent no reply within {ReplyTimeout.TotalSeconds:0} s");
                    }

                    ThrowHelper.ThrowLastError("recvmsg on a netlink socket");
                }

                if ((header.Flags & LibC.MSG_TRUNC) != 0)
                {
                    ThrowHelper.ThrowDecode($"a netlink reply was larger than the {_buffer.Length}-byte receive buffer and was truncated");
                }

                // Only the kernel (port 0) answers requests; anything else would be another process writing to
                // our port, which must not be taken for a reply.
                if (source.PortId != 0)
                {
                    continue;
                }

                return _buffer.AsSpan(0, (int)received);
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}
