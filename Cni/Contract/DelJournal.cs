using System.Runtime.InteropServices;

namespace Spiderpool.Cni.Contract;

/// <summary>
/// DELs that could not be delivered, kept on the node until NodeHost releases them. kubelet retries a failed DEL;
/// podman and <c>ctr</c> do not (podman logs "Unable to clean up network" and removes the container anyway), so a DEL
/// answered "try again later" would leak its addresses for good. Instead the plugin (NodeHost unreachable) or NodeHost
/// (the cluster unreachable) records the DEL here and answers success; NodeHost replays the entries when it starts,
/// periodically, and before an ADD of the same container and interface (a <c>podman restart</c> reuses the id), so
/// that ADD never runs before the DEL it follows.
/// </summary>
/// <remarks>
/// One file per attachment, <c>&lt;container id&gt;@&lt;interface&gt;.del</c> (a container id never holds '@'), whose
/// content is the <see cref="IpamDelArgs"/> JSON. A repeated DEL replaces the file: releasing is idempotent. Written
/// crash-safe: a temporary file in the same directory, flushed to disk, renamed over the entry, and the directory
/// flushed, so an entry is either whole or absent. The directory is root-only (0700), files 0600.
/// </remarks>
public static partial class DelJournal
{
    /// <summary>Where the entries are unless NodeHost's <c>DelJournalDirectory</c> / the plugin's <c>ipam.del_journal_dir</c> say otherwise.</summary>
    public const string DefaultDirectory = "/var/lib/spiderpool/del-journal";

    /// <summary>The extension of an entry.</summary>
    public const string Suffix = ".del";

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The entry's path for one attachment.</summary>
    public static string EntryPath(string directory, string containerId, string ifName)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(ifName);
        return Path.Combine(directory, $"{containerId}@{ifName}{Suffix}");
    }

    /// <summary>Records a DEL durably and returns the entry's path.</summary>
    /// <exception cref="IOException">The entry could not be written (the message says where and why).</exception>
    /// <exception cref="UnauthorizedAccessException">Not allowed to write the directory (not root).</exception>
    public static string Write(string directory, string containerId, string ifName, ReadOnlySpan<byte> content)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the DEL journal is Linux-only");
        }

        var path = EntryPath(directory, containerId, ifName);
        Directory.CreateDirectory(directory, DirectoryMode);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushDirectory(directory);
        return path;
    }

    /// <summary>The entries waiting, oldest first (by the time they were written).</summary>
    public static IReadOnlyList<string> Pending(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return new DirectoryInfo(directory).EnumerateFiles("*" + Suffix)
            .OrderBy(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.FullName)
            .ToList();
    }

    /// <summary>Removes a replayed entry (durably: the directory is flushed too).</summary>
    public static void Remove(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.Delete(path);
        FlushDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>A rename or unlink is durable only once the directory itself is flushed (fsync(2) on it).</summary>
    private static void FlushDirectory(string directory)
    {
        var fd = Native.Open(directory, Native.ReadOnly | Native.Directory);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to flush it: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Native.Fsync(fd) != 0)
            {
                throw new IOException($"cannot flush directory {directory}: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    private static partial class Native
    {
        public const int ReadOnly = 0;
        public const int Directory = 0x10000; // O_DIRECTORY, the generic Linux value (x86-64, arm64)

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static partial int Close(int fd);
    }
}
