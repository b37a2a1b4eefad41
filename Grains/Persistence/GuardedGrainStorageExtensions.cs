using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Spiderpool.Grains.Persistence;

public static class GuardedGrainStorageExtensions
{
    /// <summary>
    /// Registers grain storage <paramref name="name"/> as a <see cref="GuardedGrainStorage"/> in front of the provider
    /// registered as <paramref name="backendName"/>.
    /// </summary>
    public static IServiceCollection AddGuardedGrainStorage(this IServiceCollection services, string name, string backendName) =>
        services.AddGrainStorage(name, (sp, _) => new GuardedGrainStorage(backendName, sp.GetRequiredKeyedService<IGrainStorage>(backendName)));
}
