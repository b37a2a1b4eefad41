using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spiderpool.Silo.Hosting;
using Spiderpool.Silo.Manifests;
using Xunit;

namespace Spiderpool.Tests.Unit.Manifests;

public sealed class ManifestRetrierTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly ManifestRetryPolicy policy = new() { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4) };

    [Fact]
    public async Task Run_TransientFailures_AreRetriedAfterTheBackoffUntilTheAttemptSucceeds()
    {
        var failures = new Queue<Exception>([new SiloUnavailableException("dead predecessor"), new TimeoutException("slow")]);
        var attempts = 0;
        var logger = new CountingLogger();
        var run = new ManifestRetrier(policy, clock, logger).RunAsync("/manifests", () =>
        {
            attempts++;
            return failures.TryDequeue(out var failure) ? Task.FromException(failure) : Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(1, attempts);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, attempts);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, attempts);
        clock.Advance(TimeSpan.FromSeconds(2));
        await run;

        Assert.Equal(3, attempts);
        Assert.Equal(
            [
                "Applying the manifests from /manifests failed (attempt 1); retrying in 00:00:01. Cause: SiloUnavailableException: dead predecessor",
                "Applying the manifests from /manifests failed (attempt 2); retrying in 00:00:02. Cause: TimeoutException: slow",
            ],
            logger.Warnings);
    }

    [Fact]
    public async Task Run_InvalidManifest_PropagatesAtOnceWithoutRetry()
    {
        var attempts = 0;
        var invalid = new InvalidManifestException(["pools.yaml:1: document 1 (SpiderIPPool 'p'): rejected: spec.subnet is not canonical"]);

        var thrown = await Assert.ThrowsAsync<InvalidManifestException>(() => new ManifestRetrier(policy, clock, NullLogger.Instance).RunAsync("/manifests", () =>
        {
            attempts++;
            return Task.FromException(invalid);
        }, CancellationToken.None));

        Assert.Same(invalid, thrown);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Run_CancelledWhileWaiting_StopsRetrying()
    {
        using var stopping = new CancellationTokenSource();
        var attempts = 0;
        var run = new ManifestRetrier(policy, clock, NullLogger.Instance).RunAsync("/manifests", () =>
        {
            attempts++;
            return Task.FromException(new TimeoutException("slow"));
        }, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunWithinBudget_StillFailingWhenTheBudgetEnds_LetsTheStartGoOnAndKeepsRetrying()
    {
        var budgeted = new ManifestRetryPolicy { FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4), StartBudget = TimeSpan.FromSeconds(10) };
        var clusterUp = false;
        var attempts = 0;
        var start = new ManifestRetrier(budgeted, clock, NullLogger.Instance).RunWithinBudgetAsync("/manifests", () =>
        {
            attempts++;
            return clusterUp ? Task.CompletedTask : Task.FromException(new SiloUnavailableException("dead predecessor"));
        }, CancellationToken.None, CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var retrying = await start;
        Assert.NotNull(retrying);
        Assert.False(retrying.IsCompleted);
        Assert.Equal(4, attempts); // at 0 s, 1 s, 3 s, 7 s
        clusterUp = true;
        clock.Advance(TimeSpan.FromSeconds(1)); // the 4th failure waits 4 s: 11 s
        await retrying;
        Assert.Equal(5, attempts);
    }

    [Fact]
    public async Task RunWithinBudget_InvalidManifestAfterTransientFailures_StopsTheStart()
    {
        var failures = new Queue<Exception>([new TimeoutException("slow"), new InvalidManifestException(["pools.yaml:1: document 1 (SpiderIPPool 'p'): rejected: spec.subnet is not canonical"])]);
        var start = new ManifestRetrier(policy, clock, NullLogger.Instance).RunWithinBudgetAsync(
            "/manifests", () => Task.FromException(failures.Dequeue()), CancellationToken.None, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(1));

        var thrown = await Assert.ThrowsAsync<InvalidManifestException>(() => start);
        Assert.Equal("pools.yaml:1: document 1 (SpiderIPPool 'p'): rejected: spec.subnet is not canonical", thrown.Message);
    }

    private sealed class CountingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
