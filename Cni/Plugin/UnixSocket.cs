using System.Runtime.InteropServices;
using System.Text;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// A blocking AF_UNIX stream socket on the libc calls, with SO_SNDTIMEO/SO_RCVTIMEO as its timeouts. Not
/// <see cref="System.Net.Sockets.Socket"/>: on Linux even its synchronous <c>Connect</c> goes through the socket
/// engine, which starts an epoll thread (".NET Sockets") and the thread pool behind it; for the one exchange a plugin
/// process makes, that start-up cost more CPU than the exchange (see <c>Program.cs</c>).
/// </summary>
internal sealed class UnixSocket : IDisposable
{
    // Linux values (the same on x86_64 and arm64); the plugin only runs on Linux.
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int SolSocket = 1;
    private const int SoRcvtimeo = 20;
    private const int SoSndtimeo = 21;
    private const int MsgNosignal = 0x4000;
    private const int Eintr = 4;

    /// <summary>sa_family_t, then sun_path: 108 bytes including the terminating NUL.</summary>
    private const int SockaddrUnSize = 2 + 108;

    private int fd;

    private UnixSocket(int fd) => this.fd = fd;

    /// <summary>Connects to the socket at <paramref name="path"/>, waiting at most <paramref name="timeout"/> when its
    /// listener's backlog is full (the only time connect(2) on a unix socket waits).</summary>
    /// <exception cref="UnixSocketException">socket(2) or connect(2) failed; the errno says why (EAGAIN: timed out).</exception>
    public static UnixSocket Connect(string path, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(path);
        var address = new byte[SockaddrUnSize];
        address[0] = AfUnix; // little-endian sa_family_t
        var length = Encoding.UTF8.GetBytes(path, 0, path.Length, address, 2);
        if (length > 107)
            throw new ArgumentException($"unix socket path '{path}' is longer than 107 bytes", nameof(path));

        var fd = NativeMethods.Socket(AfUnix, SockStream | SockCloexec, 0);
        if (fd < 0)
            throw UnixSocketException.FromLastError("socket");

        var socket = new UnixSocket(fd);
        try
        {
            socket.SetTimeout(SoSndtimeo, timeout);
            while (NativeMethods.Connect(fd, address, 2 + length + 1) < 0)
            {
                if (Marshal.GetLastPInvokeError() != Eintr)
                    throw UnixSocketException.FromLastError("connect");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/>, each send(2) waiting at most <paramref name="timeout"/>.</summary>
    public void SendAll(ReadOnlySpan<byte> bytes, TimeSpan timeout)
    {
        SetTimeout(SoSndtimeo, timeout);
        while (!bytes.IsEmpty)
        {
            var sent = NativeMethods.Send(fd, ref MemoryMarshal.GetReference(bytes), bytes.Length, MsgNosignal);
            if (sent < 0)
            {
                if (Marshal.GetLastPInvokeError() == Eintr)
                    continue;
                throw UnixSocketException.FromLastError("send");
            }

            bytes = bytes[(int)sent..];
        }
    }

    /// <summary>One recv(2) waiting at most <paramref name="timeout"/>; 0 when the peer has closed its end.</summary>
    public int Receive(Span<byte> buffer, TimeSpan timeout)
    {
        SetTimeout(SoRcvtimeo, timeout);
        while (true)
        {
            var read = NativeMethods.Recv(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length, 0);
            if (read >= 0)
                return (int)read;
            if (Marshal.GetLastPInvokeError() != Eintr)
                throw UnixSocketException.FromLastError("recv");
        }
    }

    public void Dispose()
    {
        if (fd >= 0)
        {
            _ = NativeMethods.Close(fd);
            fd = -1;
        }
    }

    /// <summary>struct timeval; at least 1 µs, since 0 means "wait for ever".</summary>
    private void SetTimeout(int option, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(fd < 0, this);
        var microseconds = Math.Max(1, timeout.Ticks / TimeSpan.TicksPerMicrosecond);
        long[] timeval = [microseconds / 1_000_000, microseconds % 1_000_000];
        if (NativeMethods.SetSockOpt(fd, SolSocket, option, timeval, sizeof(long) * 2) < 0)
            throw UnixSocketException.FromLastError("setsockopt");
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Socket(int domain, int type, int protocol);

        [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Connect(int fd, byte[] address, int length);

        [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int SetSockOpt(int fd, int level, int name, long[] value, int length);

        [DllImport("libc", EntryPoint = "send", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint Send(int fd, ref byte buffer, nint length, int flags);

        [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint Recv(int fd, ref byte buffer, nint length, int flags);

        [DllImport("libc", EntryPoint = "close")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Close(int fd);
    }
}
