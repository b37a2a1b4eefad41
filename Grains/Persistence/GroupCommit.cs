namespace Spiderpool.Grains.Persistence;

/// <summary>
/// Group commit for a single-writer grain. Callers change the grain's memory and then await <see cref="CommitAsync"/>;
/// the returned task completes when a write that started after the call has succeeded. While a write is in flight,
/// further callers wait for the next one, which carries all their changes at once. Runs on the grain's scheduler, so
/// it needs no locks. After a failed write, memory may be ahead of storage: every waiting and later caller fails and
/// <c>onFailure</c> tells the grain to deactivate.
/// </summary>
internal sealed class GroupCommit(Func<Task> write, Action<Exception> onFailure, Func<Exception, Exception> toCallerError)
{
    private TaskCompletionSource? next;
    private bool writing;

    public Exception? Broken { get; private set; }

    /// <summary>True while a write is in flight or queued.</summary>
    public bool Busy => writing || next is not null;

    public Task CommitAsync()
    {
        if (Broken is not null)
        {
            return Task.FromException(toCallerError(Broken));
        }

        next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = next.Task;
        if (!writing)
        {
            _ = WriteLoopAsync();
        }

        return task;
    }

    private async Task WriteLoopAsync()
    {
        writing = true;
        try
        {
            while (next is { } batch)
            {
                next = null;
                try
                {
                    await write();
                }
                catch (Exception ex)
                {
                    Broken = ex;
                    batch.TrySetException(toCallerError(ex));
                    next?.TrySetException(toCallerError(ex));
                    next = null;
                    onFailure(ex);
                    return;
                }

                batch.TrySetResult();
            }
        }
        finally
        {
            writing = false;
        }
    }
}
