using Microsoft.Win32.SafeHandles;
using Spiderpool.Netlink.Interop;

namespace Spiderpool.Netlink.Namespaces;

/// <summary>
/// One dedicated OS thread per namespace call: remember the thread's namespace, enter the target, run the work,
/// switch back, end. A whole call costs about 0.2 ms (thread start, two setns, measured on a 2-core VM), small next
/// to the netlink and probe work it carries, and it makes the failure case trivial: a thread that could not switch
/// back is never reused by anyone — there is no pool to return it to.
/// </summary>
internal static class NamespaceThread
{
    private static int s_restoreFailures;

    /// <summary>How many namespace threads failed to switch back (they ended instead of being reused). For diagnostics and tests.</summary>
    public static int RestoreFailures => Volatile.Read(ref s_restoreFailures);

    public static Task<T> Start<T>(string threadName, Action enter, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Run(enter, work, completion))
        {
            IsBackground = true,
            Name = threadName.Length > 60 ? threadName[..60] : threadName,
        };
        thread.Start();
        return completion.Task;
    }

    private static void Run<T>(Action enter, Func<T> work, TaskCompletionSource<T> completion)
    {
        SafeFileHandle original;
        try
        {
            original = NetworkNamespace.Open(NetworkNamespace.CurrentThreadPath);
        }
        catch (Exception e)
        {
            completion.SetException(e);
            return;
        }

        using (original)
        {
            T result;
            try
            {
                enter();
                result = work();
            }
            catch (Exception e)
            {
                Restore(original);
                completion.SetException(e);
                return;
            }

            // Switch back before reporting success, so nothing the caller does next can race with this thread.
            Restore(original);
            completion.SetResult(result);
        }
    }

    /// <summary>
    /// Back to the thread's original namespace. Failure is counted, not thrown: the work itself succeeded or
    /// failed on its own terms, and this thread ends right after, so the wrong namespace cannot leak anywhere.
    /// </summary>
    private static void Restore(SafeFileHandle original)
    {
        if (LibC.setns((int)original.DangerousGetHandle(), LibC.CLONE_NEWNET) != 0)
        {
            Interlocked.Increment(ref s_restoreFailures);
        }
    }
}
