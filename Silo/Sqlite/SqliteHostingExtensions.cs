using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Spiderpool.Grains.Persistence;

namespace Spiderpool.Silo.Sqlite;

/// <summary>Registers Spiderpool's SQLite providers (the embedded silo's durable storage) with an Orleans silo.</summary>
public static class SqliteHostingExtensions
{
    /// <summary>
    /// The silo's <see cref="SqliteDatabase"/> in <paramref name="dataDirectory"/>, opened as the silo starts and closed
    /// (lock released) when the host is disposed. A database already registered (a test's shared one) is kept.
    /// </summary>
    public static ISiloBuilder AddSqliteDatabase(this ISiloBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        builder.Services.TryAddSingleton(_ => SqliteDatabase.Open(dataDirectory));
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteDatabaseParticipant>();
        return builder;
    }

    /// <summary>
    /// Adds a named grain storage provider on the silo's <see cref="SqliteDatabase"/> (registered by
    /// <see cref="AddSqliteDatabase"/> or as an instance). State rows are scoped by <c>ClusterOptions.ServiceId</c>.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>(name).Configure(configureOptions ?? (_ => { }));
        services.AddTransient<IPostConfigureOptions<SqliteStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteStorageOptions>>();
        services.AddGrainStorage(name, static (sp, providerName) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(providerName);
            var serviceId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
            if (string.IsNullOrEmpty(serviceId))
            {
                throw new OrleansConfigurationException($"SQLite grain storage '{providerName}': ClusterOptions.ServiceId is empty; set Spiderpool:ServiceId");
            }

            return new SqliteGrainStorage(
                providerName,
                sp.GetRequiredService<SqliteDatabase>(),
                options.GrainStorageSerializer,
                serviceId,
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<ILogger<SqliteGrainStorage>>());
        });
        return builder;
    }

    /// <summary>Registers <see cref="SqlitePoolStore"/> on the silo's <see cref="SqliteDatabase"/> as its <see cref="IPoolStore"/>.</summary>
    public static ISiloBuilder AddSqlitePoolStore(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SqlitePoolStore>();
        builder.Services.AddSingleton<IPoolStore>(sp => sp.GetRequiredService<SqlitePoolStore>());
        return builder;
    }
}
