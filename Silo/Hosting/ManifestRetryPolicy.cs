using System.Data.Common;
using System.Net.Sockets;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Storage;

namespace Spiderpool.Silo.Hosting;

/// <summary>
/// Which failures of applying the manifests folder are worth another try, and how long to wait. After every silo was
/// killed, the first one up can send its pool update to a dead predecessor's activation until membership declares
/// that silo dead; such a call fails and must be repeated, not end the silo (issue 13, C3). Applying is idempotent.
/// </summary>
internal sealed class ManifestRetryPolicy
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the silo's start waits for the manifests; after it, the start completes and the retries go on in
    /// the background. Longer than membership needs to declare dead silos dead with Orleans' default probing.
    /// </summary>
    public TimeSpan StartBudget { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1-based): doubling from <see cref="FirstDelay"/>, capped at <see cref="MaxDelay"/>.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var doubled = FirstDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        return doubled >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)doubled);
    }

    /// <summary>
    /// True for a failure of the cluster or its storage (the call may succeed later); false for everything else,
    /// above all <see cref="Manifests.InvalidManifestException"/>: a manifest that is wrong stays wrong.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            Manifests.InvalidManifestException => false,
            // SiloUnavailableException is an OrleansMessageRejectionException; both, and the runtime's other call
            // failures (directory, gateway, activation), are OrleansExceptions.
            OrleansException or TimeoutException or PoolUnavailableException or StorageUnavailableException or Orleans.Storage.InconsistentStateException => true,
            DbException or SocketException or IOException => true,
            AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
            _ => exception.InnerException is { } inner && IsTransient(inner),
        };
    }
}
