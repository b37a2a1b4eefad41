using Microsoft.Extensions.Logging;
using Spiderpool.Silo.Samples;

namespace Spiderpool.Silo.Hosting;

/// <summary>
/// When <c>Spiderpool:ManifestsDirectory</c> is set, applies the SpiderIPPool/SpiderReservedIP manifests found there
/// once the silo is active (without Kubernetes, that folder is where pools come from). A bad manifest stops the
/// start with a message naming the file.
/// </summary>
internal sealed partial class ManifestsAtStart(string directory, IGrainFactory grains, ILogger<ManifestsAtStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ManifestsAtStart), ServiceLifecycleStage.Active, async _ =>
        {
            var manifests = SampleManifests.Load(directory);
            foreach (var line in await ManifestApplier.ApplyAsync(grains, manifests))
            {
                LogApplied(directory, line);
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Manifests from {Directory}: {Line}")]
    private partial void LogApplied(string directory, string line);
}
