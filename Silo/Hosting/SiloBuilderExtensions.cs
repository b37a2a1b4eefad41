using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Spiderpool.Grains;
using Spiderpool.Grains.Allocation;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Configures a silo from the <c>Spiderpool</c> configuration section: clustering, storage, and the services the
    /// grains use. Throws <see cref="OrleansConfigurationException"/> listing every invalid setting.
    /// </summary>
    public static ISiloBuilder UseSpiderpool(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SpiderpoolSiloOptions.Section).Get<SpiderpoolSiloOptions>() ?? new SpiderpoolSiloOptions();
        var allocation = configuration.GetSection(AllocatorOptions.Section).Get<AllocatorOptions>() ?? new AllocatorOptions();
        var errors = SpiderpoolSiloOptionsValidator.Validate(options, allocation);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException("Invalid Spiderpool settings:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        silo.Services.Configure<AllocatorOptions>(configuration.GetSection(AllocatorOptions.Section));
        silo.Services.Configure<SelectionSettings>(configuration.GetSection(SelectionSettings.Section));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        switch (options.Storage)
        {
            case StorageMode.Embedded:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.UseSpiderpoolSqlite(options.DataDirectory!);
                break;
            case StorageMode.Volatile:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.GrainState);
                silo.Services.TryAddSingleton<IPoolStore, InMemoryPoolStore>();
                break;
            case StorageMode.Postgres:
                if (string.IsNullOrEmpty(options.AdvertisedAddress))
                {
                    silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                }

                silo.UseSpiderpoolPostgres(options.Postgres.ConnectionString!);
                break;
        }

        silo.AddSpiderpoolGrainServices();
        silo.Services.AddHostedService<ConsistencySweeper>();
        if (!string.IsNullOrEmpty(options.ManifestsDirectory))
        {
            var directory = options.ManifestsDirectory;
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
                ActivatorUtilities.CreateInstance<ManifestsAtStart>(sp, directory));
        }
        return silo;
    }

    /// <summary>Services every silo needs whatever its storage (also used by test clusters).</summary>
    public static ISiloBuilder AddSpiderpoolGrainServices(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddKeyedSingleton(SpiderpoolClock.Key, TimeProvider.System);
        silo.Services.AddOptions<AllocatorOptions>();
        silo.Services.AddOptions<SelectionSettings>();
        silo.Services.TryAddSingleton<Spiderpool.Grains.Pools.PoolIndexCache>();
        return silo;
    }
}
