using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spiderpool.Grains;
using Spiderpool.Silo.Manifests;
using Spiderpool.Silo.Samples;

namespace Spiderpool.Silo.Hosting;

/// <summary>
/// When <c>Spiderpool:ManifestsDirectory</c> is set, applies the SpiderIPPool/SpiderReservedIP manifests found there
/// (without Kubernetes, that folder is where pools come from). An invalid manifest stops the silo: the folder is
/// read before the silo joins the cluster, so a parse or field error stops the start with a message naming the file,
/// line, object and field; a spec the pool grain rejects stops the start the same way. A failing grain call (a dead
/// silo not yet declared dead, storage away) never stops it: it is retried (<see cref="ManifestRetryPolicy"/>). The
/// start waits up to <see cref="ManifestRetryPolicy.StartBudget"/>, so a silo that starts normally serves with its
/// pools in place; after that the start completes and the retries go on behind it (a rejection found then stops
/// the silo through the host).
/// </summary>
internal sealed partial class ManifestsAtStart(
    string directory,
    IGrainFactory grains,
    [FromKeyedServices(SpiderpoolClock.Key)] TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ManifestsAtStart> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private SampleManifests? manifests;
    private readonly ManifestRetryPolicy policy = new();
    private Task? behindStart;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ManifestsAtStart), ServiceLifecycleStage.First, _ =>
        {
            manifests = SampleManifests.Load(directory);
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(ManifestsAtStart), ServiceLifecycleStage.Active, ApplyAtStartAsync, StopAsync);
    }

    /// <summary>Waits for the manifests up to the start budget; an invalid one throws, which stops the start.</summary>
    private async Task ApplyAtStartAsync(CancellationToken cancellationToken)
    {
        var retrying = await new ManifestRetrier(policy, time, logger).RunWithinBudgetAsync(directory, ApplyOnceAsync, cancellationToken, stopping.Token);
        if (retrying is null)
        {
            return;
        }

        LogStillRetrying(directory, policy.StartBudget);
        behindStart = retrying.ContinueWith(
            t =>
            {
                if (t.Exception?.GetBaseException() is { } error)
                {
                    LogStopping(directory, error.Message, error);
                    lifetime.StopApplication();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ApplyOnceAsync()
    {
        var steps = await ManifestApplier.ApplyAsync(grains, manifests ?? throw new InvalidOperationException("the manifests are read at the silo's First stage"));
        var rejected = steps.Where(s => !s.Accepted).Select(s => s.Problem!).ToList();
        if (rejected.Count > 0)
        {
            throw new InvalidManifestException(rejected);
        }

        foreach (var step in steps)
        {
            LogApplied(directory, step.Line);
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (behindStart is not null)
        {
            await behindStart.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Manifests from {Directory}: {Line}")]
    private partial void LogApplied(string directory, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "The manifests from {Directory} are not applied after {Budget}; the silo starts without them and keeps retrying")]
    private partial void LogStillRetrying(string directory, TimeSpan budget);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping the silo: applying the manifests from {Directory} failed for a reason a retry cannot fix: {Problem}")]
    private partial void LogStopping(string directory, string problem, Exception exception);
}
