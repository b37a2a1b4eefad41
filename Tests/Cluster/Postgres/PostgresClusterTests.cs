using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.TestingHost;
using Spiderpool.Silo.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// Two real silos (TCP, Orleans' membership protocol) that find each other only through
/// <see cref="PostgresMembershipTable"/>, and a client that finds them only through
/// <see cref="PostgresGatewayListProvider"/>.
/// </summary>
public sealed class PostgresClusterTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Two_silos_and_a_client_meet_through_postgres()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        var clusterId = builder.Options.ClusterId;
        var started = DateTime.UtcNow;
        try
        {
            await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"cluster {clusterId} deployed in {(DateTime.UtcNow - started).TotalSeconds:F1} s");

            var siloAddresses = cluster.Silos.Select(s => s.SiloAddress).ToHashSet();
            Assert.Equal(2, siloAddresses.Count);
            foreach (var silo in cluster.Silos.Cast<InProcessSiloHandle>())
            {
                Assert.IsType<PostgresMembershipTable>(silo.SiloHost.Services.GetRequiredService<IMembershipTable>());
                var membership = silo.SiloHost.Services.GetRequiredService<IClusterMembershipService>();
                await WaitUntilAsync(() => ActiveSilos(membership).SetEquals(siloAddresses), $"{silo.SiloAddress} to see both silos active");
            }

            var gatewayProvider = cluster.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>();
            Assert.IsType<PostgresGatewayListProvider>(gatewayProvider);
            var gateways = await gatewayProvider.GetGateways();
            // Gateway URIs carry the silo's generation, as Orleans' own providers write them.
            var expectedGateways = cluster.Silos.Select(s => SiloAddress.New(s.GatewayAddress.Endpoint, s.SiloAddress.Generation).ToGatewayUri());
            Assert.Equal(expectedGateways.OrderBy(u => u.ToString()), gateways.OrderBy(u => u.ToString()));

            var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(siloAddresses, hosts.Keys.ToHashSet());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await using var dataSources = new PostgresDataSources();
            var table = new PostgresMembershipTable(
                dataSources,
                Options.Create(new PostgresClusteringOptions { ConnectionString = PostgresTestDatabase.ConnectionString }),
                Options.Create(new ClusterOptions { ClusterId = clusterId }),
                NullLogger<PostgresMembershipTable>.Instance);
            await table.DeleteMembershipTableEntries(clusterId);
            output.WriteLine($"whole test took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        }
    }

    private static HashSet<SiloAddress> ActiveSilos(IClusterMembershipService membership) =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    // TestCluster creates configurators by type, so they read the server from the environment like the tests do.
    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UsePostgresClustering(o => o.ConnectionString = PostgresTestDatabase.ConnectionString);
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UsePostgresClustering(o => o.ConnectionString = PostgresTestDatabase.ConnectionString);
    }
}
