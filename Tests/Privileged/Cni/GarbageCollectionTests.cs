using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// CNI GC (1.1.0, our plugin directly, as a runtime calls it for one network): what the runtime still lists in
/// <c>cni.dev/valid-attachments</c> is kept, every other attachment of that network on the node is released, and
/// other networks are not touched.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class GarbageCollectionTests : IClassFixture<CniFixture>
{
    private const string Network = "gc-net";
    private const string OtherNetwork = "gc-other-net";
    private readonly CniFixture fixture;

    public GarbageCollectionTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    [Fact]
    public async Task Gc_releases_attachments_not_listed_as_valid_so_the_next_pod_gets_their_address_and_keeps_the_rest()
    {
        var stale = await fixture.NewPodAsync("stale");
        var valid = await fixture.NewPodAsync("valid");
        var elsewhere = await fixture.NewPodAsync("elsewhere");
        var next = await fixture.NewPodAsync("next");
        try
        {
            var staleAdd = await fixture.MacvlanAsync("ADD", stale, Config(Network));
            Assert.True(staleAdd.Succeeded, fixture.Explain(staleAdd));
            var staleAddress = Assert.Single(staleAdd.Addresses);
            var validAdd = await fixture.MacvlanAsync("ADD", valid, Config(Network));
            Assert.True(validAdd.Succeeded, fixture.Explain(validAdd));
            var elsewhereAdd = await fixture.MacvlanAsync("ADD", elsewhere, Config(OtherNetwork));
            Assert.True(elsewhereAdd.Succeeded, fixture.Explain(elsewhereAdd));

            // Everything listed: nothing is released.
            var keepAll = await GcAsync(stale, valid);
            Assert.True(keepAll.Succeeded, fixture.Explain(keepAll));
            Assert.Equal(new[] { staleAddress }, (await fixture.Api.EndpointAsync(stale)).Addresses);

            var gc = await GcAsync(valid);

            Assert.True(gc.Succeeded, fixture.Explain(gc));
            Assert.Equal("", gc.Process.Stdout.Trim());
            Assert.Equal(404, (await fixture.Api.EndpointAsync(stale)).Status);
            Assert.Equal(validAdd.Addresses, (await fixture.Api.EndpointAsync(valid)).Addresses);
            Assert.Equal(elsewhereAdd.Addresses, (await fixture.Api.EndpointAsync(elsewhere)).Addresses);

            var nextAdd = await fixture.MacvlanAsync("ADD", next, Config(Network));
            Assert.True(nextAdd.Succeeded, fixture.Explain(nextAdd));
            Assert.Equal(staleAddress, Assert.Single(nextAdd.Addresses));

            // The runtime's DEL of the collected attachment still succeeds (nothing left to release).
            var staleDel = await fixture.MacvlanAsync("DEL", stale, Config(Network));
            Assert.True(staleDel.Succeeded, fixture.Explain(staleDel));
            Assert.Equal(new[] { staleAddress }, (await fixture.Api.EndpointAsync(next)).Addresses);
        }
        finally
        {
            foreach (var (pod, network) in new[] { (stale, Network), (valid, Network), (elsewhere, OtherNetwork), (next, Network) })
            {
                await fixture.MacvlanAsync("DEL", pod, Config(network));
            }
        }
    }

    /// <summary>GC as CNI 1.1 defines it: CNI_COMMAND and CNI_PATH only, the attachments in the config.</summary>
    private Task<CniOutcome> GcAsync(params TestPod[] validAttachments)
    {
        var config = CniFixture.DirectConfig("1.1.0", Network, fixture.Ipam(TestPools.Gc));
        config["cni.dev/valid-attachments"] = new JsonArray(validAttachments
            .Select(p => (JsonNode)new JsonObject { ["containerID"] = p.ContainerId, ["ifname"] = p.IfName })
            .ToArray());
        return fixture.PluginAsync("GC", validAttachments[0], config, env =>
        {
            foreach (var name in new[] { "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS" })
            {
                env[name] = null;
            }
        });
    }

    private JsonObject Config(string network) => CniFixture.MacvlanConfig("1.0.0", network, fixture.Ipam(TestPools.Gc));
}
