using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Namespaces;

/// <summary>
/// Runs code inside a network namespace, and creates/deletes named namespaces the way <c>ip netns</c> does.
/// <para>
/// setns(2) switches only the calling <em>thread</em>. Work therefore runs on a dedicated OS thread that this
/// class starts for the call: it enters the namespace, runs the (synchronous) work, switches back, and ends.
/// Nothing else ever runs on that thread — not a thread-pool item, not an await continuation — so no other code
/// can observe the foreign namespace, and a thread that failed to switch back simply ends (it is never reused).
/// </para>
/// <para>
/// Sockets (netlink, packet, ICMPv6) belong to the namespace of the thread that created them, for their whole
/// life. So the pattern for longer work is: create the socket inside (<see cref="OpenNetlinkAsync"/>), then use it
/// from any thread, including across awaits.
/// </para>
/// </summary>
public static class NetworkNamespace
{
    /// <summary>Where <c>ip netns add</c> keeps its bind mounts.</summary>
    public const string NamedDirectory = "/run/netns";

    /// <summary>
    /// The calling thread's namespace. Not /proc/self/ns/net: "self" is the process, i.e. the main thread, which
    /// is not where a thread that called setns or unshare is.
    /// </summary>
    public const string CurrentThreadPath = "/proc/thread-self/ns/net";

    /// <summary>/run/netns/NAME for a named namespace.</summary>
    public static string PathOf(string name)
    {
        ValidateName(name);
        return $"{NamedDirectory}/{name}";
    }

    /// <summary>/proc/PID/ns/net: the namespace of a running process (e.g. a pod's sandbox).</summary>
    public static string PathOfProcess(int pid) => $"/proc/{pid}/ns/net";

    /// <summary>Opens a namespace file (O_RDONLY|O_CLOEXEC), e.g. for <see cref="RtNetlinkClient.MoveLinkToNamespace(LinkRef, SafeHandle, string?)"/>.</summary>
    public static SafeFileHandle Open(string netnsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(netnsPath);
        var fd = LibC.open(netnsPath, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            ThrowHelper.ThrowLastError($"open network namespace '{netnsPath}'");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Runs <paramref name="work"/> inside the namespace at <paramref name="netnsPath"/> on a dedicated thread.</summary>
    /// <exception cref="ArgumentException">The work is asynchronous (returns a task): its continuations would run outside the namespace.</exception>
    public static Task<T> RunAsync<T>(string netnsPath, Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(netnsPath);
        ArgumentNullException.ThrowIfNull(work);
        RejectAsyncWork<T>();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        return NamespaceThread.Start($"netns {netnsPath}", enter: () => Enter(netnsPath), work);
    }

    /// <inheritdoc cref="RunAsync{T}(string, Func{T}, CancellationToken)"/>
    public static Task RunAsync(string netnsPath, Action work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            netnsPath,
            () =>
            {
                work();
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Blocking form of <see cref="RunAsync{T}(string, Func{T}, CancellationToken)"/> for synchronous callers
    /// (the work still runs on its own thread; the caller waits).
    /// </summary>
    public static T Run<T>(string netnsPath, Func<T> work) => RunAsync(netnsPath, work).GetAwaiter().GetResult();

    /// <summary>
    /// Opens a netlink client whose socket lives in the namespace at <paramref name="netnsPath"/>. The socket is
    /// created on the namespace thread; after that it can be used from any thread and still talks to that
    /// namespace.
    /// </summary>
    public static Task<RtNetlinkClient> OpenNetlinkAsync(string netnsPath) => RunAsync(netnsPath, RtNetlinkClient.Open);

    /// <summary>
    /// Creates a named namespace like <c>ip netns add NAME</c>: makes /run/netns a shared mount point (so the
    /// namespace mounts propagate to other mount namespaces), creates /run/netns/NAME, and on a dedicated thread
    /// unshare(CLONE_NEWNET)s into a fresh namespace and bind-mounts the thread's namespace file onto it. The
    /// bind mount keeps the namespace alive after the thread ends. Its loopback is down, as with ip netns.
    /// </summary>
    /// <returns>The namespace's path, /run/netns/NAME.</returns>
    public static async Task<string> CreateNamedAsync(string name)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(NamedDirectory);
        MakeDirectoryShared();

        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SystemCallException(
                errno == Errno.EEXIST ? $"create network namespace '{name}': {path} already exists; delete it first or pick another name" : $"create network namespace '{name}' ({path})",
                errno);
        }

        LibC.close(fd);
        try
        {
            return await NamespaceThread.Start(
                $"netns create {name}",
                enter: () =>
                {
                    if (LibC.unshare(LibC.CLONE_NEWNET) != 0)
                    {
                        ThrowHelper.ThrowLastError($"unshare(CLONE_NEWNET) for network namespace '{name}'");
                    }
                },
                work: () =>
                {
                    if (LibC.mount(CurrentThreadPath, path, "none", LibC.MS_BIND, 0) != 0)
                    {
                        ThrowHelper.ThrowLastError($"bind-mount {CurrentThreadPath} onto {path}");
                    }

                    return path;
                });
        }
        catch
        {
            // Leave nothing behind: a stale, unmounted /run/netns/NAME would make the name unusable.
            _ = LibC.umount2(path, LibC.MNT_DETACH);
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Deletes a named namespace like <c>ip netns delete NAME</c>: detaches the bind mount and removes the file.
    /// The namespace itself disappears once no process, socket or other mount holds it. Returns false if there
    /// was no such namespace (deleting a missing one is not an error).
    /// </summary>
    public static bool DeleteNamed(string name)
    {
        var path = PathOf(name);

        // EINVAL: not a mount point (half-created); ENOENT: missing. Either way the unlink below decides.
        if (LibC.umount2(path, LibC.MNT_DETACH) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is not (Errno.EINVAL or Errno.ENOENT))
            {
                throw new SystemCallException($"unmount network namespace '{name}' ({path})", errno);
            }
        }

        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Enters the namespace on the current (dedicated) thread.</summary>
    private static void Enter(string netnsPath)
    {
        using var target = Open(netnsPath);
        if (LibC.setns((int)target.DangerousGetHandle(), LibC.CLONE_NEWNET) != 0)
        {
            ThrowHelper.ThrowLastError($"setns into network namespace '{netnsPath}'");
        }
    }

    private static void RejectAsyncWork<T>()
    {
        var type = typeof(T);
        if (typeof(Task).IsAssignableFrom(type) || type == typeof(ValueTask) ||
            (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            throw new ArgumentException(
                "the work returns a task: code after its first await would run on another thread, outside the namespace. " +
                "Pass synchronous work, or open the sockets you need inside (OpenNetlinkAsync) and await outside.",
                nameof(T));
        }
    }

    /// <summary>
    /// ip netns makes /run/netns a shared mount (bind-mounting it onto itself first if it is not a mount point),
    /// so namespaces created later also appear in mount namespaces that receive propagation from it.
    /// </summary>
    private static void MakeDirectoryShared()
    {
        if (LibC.mount("none", NamedDirectory, "none", LibC.MS_SHARED | LibC.MS_REC, 0) == 0)
        {
            return;
        }

        if (Marshal.GetLastPInvokeError() != Errno.EINVAL)
        {
            ThrowHelper.ThrowLastError($"make {NamedDirectory} a shared mount");
        }

        if (LibC.mount(NamedDirectory, NamedDirectory, "none", LibC.MS_BIND | LibC.MS_REC, 0) != 0)
        {
            ThrowHelper.ThrowLastError($"bind-mount {NamedDirectory} onto itself");
        }

        if (LibC.mount("none", NamedDirectory, "none", LibC.MS_SHARED | LibC.MS_REC, 0) != 0)
        {
            ThrowHelper.ThrowLastError($"make {NamedDirectory} a shared mount");
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"network namespace name '{name}' is invalid; it becomes a file name under {NamedDirectory}, so '/', '.' and '..' are not allowed", nameof(name));
        }
    }
}
