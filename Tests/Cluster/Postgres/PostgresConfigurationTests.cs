using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Spiderpool.Silo.Postgres;
using Xunit;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>Configuration errors name the setting to fix. No server needed.</summary>
public sealed class PostgresConfigurationTests
{
    [Fact]
    public void Clustering_without_a_connection_string_names_the_setting()
    {
        var error = Assert.Throws<OrleansConfigurationException>(() => new PostgresMembershipTable(
            new PostgresDataSources(),
            Options.Create(new PostgresClusteringOptions()),
            Options.Create(new ClusterOptions { ClusterId = "c" }),
            NullLogger<PostgresMembershipTable>.Instance));

        Assert.Contains("Spiderpool:Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Spiderpool__Postgres__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grain_storage_without_a_connection_string_names_the_setting_and_the_provider()
    {
        using var host = PostgresGrainStorageTests.BuildHost("svc", connectionString: "");

        var error = Assert.Throws<OrleansConfigurationException>(() => host.Services.GetRequiredKeyedService<IGrainStorage>(PostgresGrainStorageTests.ProviderName));

        Assert.Contains("Spiderpool:Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresGrainStorageTests.ProviderName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_reported_without_echoing_it()
    {
        var error = Assert.Throws<OrleansConfigurationException>(() => new PostgresMembershipTable(
            new PostgresDataSources(),
            Options.Create(new PostgresClusteringOptions { ConnectionString = "Host=db;Password=s3cret;Bogus Keyword=1" }),
            Options.Create(new ClusterOptions { ClusterId = "c" }),
            NullLogger<PostgresMembershipTable>.Instance));

        Assert.Contains("not a valid Npgsql connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
