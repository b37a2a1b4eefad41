using System.Runtime.InteropServices;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// A file opened with O_APPEND, written with write(2). The runtime runs many plugin processes at once against one
/// log file; .NET's <see cref="FileMode.Append"/> does not set O_APPEND, so their writes would overwrite each other.
/// With O_APPEND each line lands whole at the end of the file.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    // Linux values (the same on x86_64 and arm64); the plugin only runs on Linux.
    private const int OWronly = 0x1;
    private const int OCreat = 0x40;
    private const int OAppend = 0x400;
    private const int OCloexec = 0x80000;
    private const int Mode0640 = 416;

    private int fd;

    private AppendOnlyFile(int fd) => this.fd = fd;

    /// <exception cref="IOException">The file cannot be opened for appending; the message has the errno.</exception>
    public static AppendOnlyFile Open(string path)
    {
        var fd = NativeMethods.Open(path, OWronly | OCreat | OAppend | OCloexec, Mode0640);
        if (fd < 0)
            throw new IOException($"open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return new AppendOnlyFile(fd);
    }

    /// <summary>Appends the bytes with one write(2); a short write is retried for the rest.</summary>
    public void Append(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ObjectDisposedException.ThrowIf(fd < 0, this);
        var written = 0;
        while (written < bytes.Length)
        {
            var chunk = written == 0 ? bytes : bytes[written..];
            var n = NativeMethods.Write(fd, chunk, chunk.Length);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == 4)
                    continue; // EINTR
                throw new IOException($"write: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            written += (int)n;
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

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint Write(int fd, byte[] buffer, nint count);

        [DllImport("libc", EntryPoint = "close")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Close(int fd);
    }
}
