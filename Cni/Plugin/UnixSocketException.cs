using System.Runtime.InteropServices;

namespace Spiderpool.Cni.Plugin;

/// <summary>A failed socket call of <see cref="UnixSocket"/>: the call and its errno, with strerror's text as the message.</summary>
internal sealed class UnixSocketException : IOException
{
    /// <summary>EACCES: no write permission on the socket file, or no search permission on a directory above it.</summary>
    public const int Eacces = 13;

    /// <summary>EAGAIN: a timeout (SO_SNDTIMEO/SO_RCVTIMEO) ran out.</summary>
    public const int Eagain = 11;

    /// <summary>ENOENT: there is no socket file at the path.</summary>
    public const int Enoent = 2;

    public UnixSocketException()
    {
    }

    public UnixSocketException(string message)
        : base(message)
    {
    }

    public UnixSocketException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnixSocketException(string call, int errno)
        : base(Marshal.GetPInvokeErrorMessage(errno))
    {
        Call = call;
        Errno = errno;
    }

    /// <summary>The libc call that failed, e.g. <c>connect</c>.</summary>
    public string? Call { get; }

    public int Errno { get; }

    public static UnixSocketException FromLastError(string call) => new(call, Marshal.GetLastPInvokeError());
}
