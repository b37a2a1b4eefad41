using Microsoft.Extensions.Logging;
using Spiderpool.Silo.Manifests;
using Spiderpool.Silo.Samples;

namespace Spiderpool.Silo.Hosting;

/// <summary>
/// When <c>Spiderpool:ManifestsDirectory</c> is set, applies the SpiderIPPool/SpiderReservedIP manifests found there
/// once the silo is active (without Kubernetes, that folder is where pools come from). The folder is read before the
/// silo joins the cluster: a bad manifest, or a spec the pool grain rejects, stops the start with a message naming
/// the file, line, object and field.
/// </summary>
internal sealed partial class ManifestsAtStart(string directory, IGrainFactory grains, ILogger<ManifestsAtStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private SampleManifests? manifests;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ManifestsAtStart), ServiceLifecycleStage.First, _ =>
        {
            manifests = SampleManifests.Load(directory);
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(ManifestsAtStart), ServiceLifecycleStage.Active, async _ =>
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
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Manifests from {Directory}: {Line}")]
    private partial void LogApplied(string directory, string line);
}
