using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Containers started without Kubernetes, with CNI_ARGS as the runtimes send them: <c>ctr run --cni</c> sends none,
/// podman only <c>IgnoreUnknown=1;K8S_POD_NAME=&lt;name&gt;</c>, and after podman loses its cache a DEL carries
/// nothing but the container id and interface. Each attachment is found by container id and interface.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class StandaloneIdentityTests : IClassFixture<CniFixture>
{
    private const string Network = "standalone-net";
    private const string SecondNetwork = "standalone-second-net";
    private readonly CniFixture fixture;

    public StandaloneIdentityTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("IgnoreUnknown=1;K8S_POD_NAME=web", "IgnoreUnknown=1")]
    [InlineData("IgnoreUnknown=1;K8S_POD_NAME=web", "IgnoreUnknown=1;K8S_POD_NAME=web")]
    public async Task A_container_without_kubernetes_identity_is_allocated_checked_and_released_by_container_and_interface(string addArgs, string delArgs)
    {
        var container = await fixture.NewPodAsync("standalone");
        var next = await fixture.NewPodAsync("standalone-next");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", container, Config(Network), Args(addArgs));
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);
            Assert.Equal(new[] { address }, (await fixture.Api.StandaloneEndpointAsync(container)).Addresses);

            // The runtime's retry (our plugin alone: macvlan would find its interface already there).
            var again = await fixture.PluginAsync("ADD", container, CniFixture.DirectConfig("1.0.0", Network, fixture.Ipam(TestPools.Standalone)), Args(addArgs));
            Assert.True(again.Succeeded, fixture.Explain(again));
            Assert.Equal(address, Assert.Single(again.Addresses));

            var check = await fixture.MacvlanAsync("CHECK", container, CniFixture.WithPrevResult(Config(Network), add.Json!), Args(delArgs));
            Assert.True(check.Succeeded, fixture.Explain(check));

            var del = await fixture.MacvlanAsync("DEL", container, Config(Network), Args(delArgs));
            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal(404, (await fixture.Api.StandaloneEndpointAsync(container)).Status);

            // Released for real: lowest-free order hands the same address to the next container.
            var nextAdd = await fixture.MacvlanAsync("ADD", next, Config(Network), Args(""));
            Assert.True(nextAdd.Succeeded, fixture.Explain(nextAdd));
            Assert.Equal(address, Assert.Single(nextAdd.Addresses));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", container, Config(Network), Args(""));
            await fixture.MacvlanAsync("DEL", next, Config(Network), Args(""));
        }
    }

    [Fact]
    public async Task Disconnecting_a_second_network_releases_only_that_interface()
    {
        var container = await fixture.NewPodAsync("two-networks");
        var second = container with { IfName = "eth1" };
        try
        {
            var first = await fixture.MacvlanAsync("ADD", container, Config(Network), Args("IgnoreUnknown=1;K8S_POD_NAME=two"));
            Assert.True(first.Succeeded, fixture.Explain(first));
            var connect = await fixture.MacvlanAsync("ADD", second, Config(SecondNetwork), Args("IgnoreUnknown=1;K8S_POD_NAME=two"));
            Assert.True(connect.Succeeded, fixture.Explain(connect));
            Assert.NotEqual(Assert.Single(first.Addresses), Assert.Single(connect.Addresses));

            var disconnect = await fixture.MacvlanAsync("DEL", second, Config(SecondNetwork), Args("IgnoreUnknown=1;K8S_POD_NAME=two"));

            Assert.True(disconnect.Succeeded, fixture.Explain(disconnect));
            Assert.Equal(404, (await fixture.Api.StandaloneEndpointAsync(second)).Status);
            Assert.Equal(first.Addresses, (await fixture.Api.StandaloneEndpointAsync(container)).Addresses);
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", second, Config(SecondNetwork), Args(""));
            await fixture.MacvlanAsync("DEL", container, Config(Network), Args(""));
        }
    }

    [Fact]
    public async Task A_del_without_namespace_releases_what_an_add_with_a_hand_set_namespace_took()
    {
        // The old workaround: CNI_ARGS=K8S_POD_NAMESPACE=podman on ADD, forgotten (or podman's cache lost) on DEL.
        var container = await fixture.NewPodAsync("handset");
        var next = await fixture.NewPodAsync("handset-next");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", container, Config(Network), Args($"IgnoreUnknown=1;K8S_POD_NAMESPACE=podman;K8S_POD_NAME={container.Name}"));
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);

            var del = await fixture.MacvlanAsync("DEL", container, Config(Network), Args(""));

            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal(404, (await fixture.Api.EndpointAsync(container with { Namespace = "podman" })).Status);
            var nextAdd = await fixture.MacvlanAsync("ADD", next, Config(Network), Args(""));
            Assert.True(nextAdd.Succeeded, fixture.Explain(nextAdd));
            Assert.Equal(address, Assert.Single(nextAdd.Addresses));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", container, Config(Network), Args(""));
            await fixture.MacvlanAsync("DEL", next, Config(Network), Args(""));
        }
    }

    [Fact]
    public async Task Podmans_ip_option_gets_exactly_that_address_and_a_second_container_asking_for_it_is_refused_saying_who_holds_it()
    {
        var first = await fixture.NewPodAsync("static");
        var second = await fixture.NewPodAsync("static-again");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", first, Config(Network), Args("IgnoreUnknown=1;K8S_POD_NAME=static;IP=10.80.0.42"));
            Assert.True(add.Succeeded, fixture.Explain(add));
            Assert.Equal("10.80.0.42/24", Assert.Single(add.Addresses));

            var refused = await fixture.MacvlanAsync("ADD", second, Config(Network), Args("IgnoreUnknown=1;K8S_POD_NAME=again;IP=10.80.0.42"));

            Assert.False(refused.Succeeded);
            Assert.Contains($"cannot give 10.80.0.42: it is held by standalone/{first.ContainerId}.eth0", refused.Message, StringComparison.Ordinal);
            Assert.Equal(404, (await fixture.Api.StandaloneEndpointAsync(second)).Status);
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", first, Config(Network), Args(""));
            await fixture.MacvlanAsync("DEL", second, Config(Network), Args(""));
        }
    }

    private static Action<Dictionary<string, string?>> Args(string cniArgs) => env => env["CNI_ARGS"] = cniArgs;

    private JsonObject Config(string network) => CniFixture.MacvlanConfig("1.0.0", network, fixture.Ipam(TestPools.Standalone));
}
