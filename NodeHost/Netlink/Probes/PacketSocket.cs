using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Probes;

/// <summary>
/// An AF_PACKET/SOCK_RAW socket bound to one interface and one ethertype: we write whole Ethernet frames and read
/// every frame of that ethertype the interface sees. Like any socket it stays in the network namespace it was
/// created in.
/// </summary>
internal sealed unsafe class PacketSocket : IDisposable
{
    /// <summary>sll_pkttype of frames this host sent (packet sockets see outgoing frames too).</summary>
    public const byte PacketOutgoing = 4;

    private readonly SafeFd _fd;
    private readonly int _interfaceIndex;

    private PacketSocket(SafeFd fd, int interfaceIndex)
    {
        _fd = fd;
        _interfaceIndex = interfaceIndex;
    }

    public static PacketSocket Open(int interfaceIndex, ushort etherType, string interfaceName)
    {
        // Protocol 0 at socket() receives nothing until bind() names the ethertype, so no frame from another
        // interface can slip in between the two calls.
        var raw = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (raw < 0)
        {
            ThrowHelper.ThrowLastError($"socket(AF_PACKET) for '{interfaceName}' (needs CAP_NET_RAW)");
        }

        var fd = new SafeFd(raw);
        var address = new LibC.SockAddrLinkLayer
        {
            Family = LibC.AF_PACKET,
            // sll_protocol is in network byte order.
            Protocol = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(etherType) : etherType,
            InterfaceIndex = interfaceIndex,
        };

        if (LibC.bind(raw, &address, (uint)sizeof(LibC.SockAddrLinkLayer)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw new SystemCallException($"bind AF_PACKET socket to '{interfaceName}' (ifindex {interfaceIndex})", errno);
        }

        return new PacketSocket(fd, interfaceIndex);
    }

    public void Send(ReadOnlySpan<byte> frame)
    {
        var address = new LibC.SockAddrLinkLayer
        {
            Family = LibC.AF_PACKET,
            InterfaceIndex = _interfaceIndex,
            AddressLength = 6,
        };
        frame[..6].CopyTo(new Span<byte>(address.Address, 8));
        fixed (byte* bytes = frame)
        {
            while (LibC.sendto(_fd.Value, bytes, (nuint)frame.Length, 0, &address, (uint)sizeof(LibC.SockAddrLinkLayer)) < 0)
            {
                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                {
                    ThrowHelper.ThrowLastError($"send on AF_PACKET socket (ifindex {_interfaceIndex})");
                }
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) for one incoming frame.
    /// Returns its length, or -1 at the deadline. Frames this host sent are skipped.
    /// </summary>
    public int Receive(Span<byte> buffer, long deadline)
    {
        while (true)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return -1;
            }

            var poll = new LibC.PollFd { Fd = _fd.Value, Events = LibC.POLLIN };
            var ready = LibC.poll(&poll, 1, (int)Math.Ceiling(remaining.TotalMilliseconds));
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == Errno.EINTR)
                {
                    continue;
                }

                ThrowHelper.ThrowLastError($"poll on AF_PACKET socket (ifindex {_interfaceIndex})");
            }

            if (ready == 0)
            {
                continue;
            }

            var source = default(LibC.SockAddrLinkLayer);
            nint received;
            fixed (byte* bytes = buffer)
            {
                var iov = new LibC.IoVec { Base = bytes, Length = (nuint)buffer.Length };
                var header = new LibC.MsgHdr
                {
                    Name = &source,
                    NameLength = (uint)sizeof(LibC.SockAddrLinkLayer),
                    Iov = &iov,
                    IovLength = 1,
                };
                received = LibC.recvmsg(_fd.Value, &header, LibC.MSG_DONTWAIT);
            }

            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Errno.EINTR or Errno.EAGAIN)
                {
                    continue;
                }

                throw new SystemCallException($"recvmsg on AF_PACKET socket (ifindex {_interfaceIndex})", errno);
            }

            if (source.PacketType != PacketOutgoing)
            {
                return (int)received;
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}
