using Microsoft.Extensions.Logging;

namespace Spiderpool.Silo.Hosting;

/// <summary>Runs an idempotent attempt until it succeeds, waiting out transient failures by <see cref="ManifestRetryPolicy"/> on a <see cref="TimeProvider"/>.</summary>
internal sealed partial class ManifestRetrier(ManifestRetryPolicy policy, TimeProvider time, ILogger logger)
{
    /// <summary>Returns when <paramref name="attempt"/> succeeds; a failure that is not transient propagates at once.</summary>
    public async Task RunAsync(string directory, Func<Task> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var failures = 1; ; failures++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await attempt();
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ManifestRetryPolicy.IsTransient(ex))
            {
                var delay = policy.DelayAfter(failures);
                LogRetrying(directory, failures, delay, $"{ex.GetType().Name}: {ex.Message}");
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/>, waited for up to <see cref="ManifestRetryPolicy.StartBudget"/>: null when it finished
    /// within the budget (a failure that is not transient is thrown), else the run still retrying, which
    /// <paramref name="stopping"/> ends.
    /// </summary>
    public async Task<Task?> RunWithinBudgetAsync(string directory, Func<Task> attempt, CancellationToken startCancelled, CancellationToken stopping)
    {
        var run = RunAsync(directory, attempt, stopping);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(startCancelled);
        var first = await Task.WhenAny(run, Task.Delay(policy.StartBudget, time, budget.Token));
        await budget.CancelAsync();
        if (first == run)
        {
            await run;
            return null;
        }

        startCancelled.ThrowIfCancellationRequested();
        return run;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the manifests from {Directory} failed (attempt {Attempt}); retrying in {Delay}. Cause: {Cause}")]
    private partial void LogRetrying(string directory, int attempt, TimeSpan delay, string cause);
}
