using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Postgres;

/// <summary>Registers Spiderpool's PostgreSQL providers with Orleans silos and clients.</summary>
public static class PostgresHostingExtensions
{
    /// <summary>Uses PostgreSQL as this silo's membership table (cluster = <c>ClusterOptions.ClusterId</c>).</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<PostgresClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureOptions);
        var services = builder.Services;
        services.Configure(configureOptions);
        services.TryAddSingleton<PostgresDataSources>();
        services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        services.AddSingleton<IConfigurationValidator, PostgresClusteringOptionsValidator>();
        return builder;
    }

    /// <summary>Lets this client find its cluster's gateways in PostgreSQL (cluster = <c>ClusterOptions.ClusterId</c>).</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, Action<PostgresClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureOptions);
        var services = builder.Services;
        services.Configure(configureOptions);
        services.TryAddSingleton<PostgresDataSources>();
        services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        services.AddSingleton<IConfigurationValidator, PostgresClusteringOptionsValidator>();
        return builder;
    }

    /// <summary>
    /// Adds a named PostgreSQL grain storage provider (use the name in <c>[PersistentState(..., storageName)]</c>).
    /// State rows are scoped by <c>ClusterOptions.ServiceId</c>.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        var services = builder.Services;
        services.AddOptions<PostgresStorageOptions>(name).Configure(configureOptions);
        services.AddTransient<IPostConfigureOptions<PostgresStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<PostgresStorageOptions>>();
        services.TryAddSingleton<PostgresDataSources>();
        services.AddSingleton<IConfigurationValidator>(sp =>
            new PostgresStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get(name), name));
        services.AddGrainStorage(name, static (sp, providerName) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get(providerName);
            PostgresSettings.ValidateConnectionString(options.ConnectionString, $"PostgreSQL grain storage '{providerName}'");
            var serviceId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
            if (string.IsNullOrEmpty(serviceId))
            {
                throw new OrleansConfigurationException($"PostgreSQL grain storage '{providerName}': ClusterOptions.ServiceId is empty; set Orleans:ServiceId");
            }

            return new PostgresGrainStorage(
                providerName,
                sp.GetRequiredService<PostgresDataSources>().Get(options.ConnectionString!),
                options.GrainStorageSerializer,
                serviceId,
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<ILogger<PostgresGrainStorage>>());
        });
        return builder;
    }

    /// <summary>Adds the PostgreSQL grain storage as the default provider (grains that name no storage).</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder builder, Action<PostgresStorageOptions> configureOptions) =>
        builder.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Registers <see cref="PostgresPoolStore"/> as the silo's <see cref="IPoolStore"/>; the schema is created at silo start.</summary>
    public static ISiloBuilder AddPostgresPoolStore(this ISiloBuilder builder, Action<PostgresPoolStoreOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureOptions);
        var services = builder.Services;
        services.Configure(configureOptions);
        services.TryAddSingleton<PostgresDataSources>();
        services.AddSingleton<IConfigurationValidator, PostgresPoolStoreOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresPoolStoreOptions>>().Value;
            PostgresSettings.ValidateConnectionString(options.ConnectionString, "PostgreSQL pool store");
            return new PostgresPoolStore(
                sp.GetRequiredService<PostgresDataSources>().Get(options.ConnectionString!),
                sp.GetRequiredService<ILogger<PostgresPoolStore>>());
        });
        services.AddSingleton<IPoolStore>(sp => sp.GetRequiredService<PostgresPoolStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresPoolStoreOptions>>().Value;
            PostgresSettings.ValidateConnectionString(options.ConnectionString, "PostgreSQL pool store");
            return new PostgresSchemaParticipant(sp.GetRequiredService<PostgresDataSources>().Get(options.ConnectionString!), nameof(PostgresPoolStore));
        });
        return builder;
    }
}
