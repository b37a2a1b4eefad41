using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The checks after allocation that NodeHost runs in the pod's namespace on the interface macvlan created: IP conflict
/// (someone on the parent already answers ARP for the address) and gateway reachability. The other hosts are
/// namespaces with a macvlan on the same parent that really hold the address.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class AddressProbeTests : IClassFixture<CniFixture>
{
    private readonly CniFixture fixture;

    public AddressProbeTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    [Fact]
    public async Task Add_fails_with_101_naming_address_and_mac_when_another_host_answers_arp_for_it_and_the_retry_gets_the_next_address()
    {
        var pool = TestPools.Conflict;
        var config = CniFixture.MacvlanConfig("1.0.0", "conflict-net", fixture.Ipam(pool, extra: new JsonObject { ["enable_ip_conflict_detection"] = true }));
        var first = await fixture.NewPodAsync("first");
        var victim = await fixture.NewPodAsync("victim");
        TestPod? retry = null;
        try
        {
            // Control: a free address passes the probe (and takes the pool's first address).
            var add = await fixture.MacvlanAsync("ADD", first, config);
            Assert.True(add.Succeeded, fixture.Explain(add));
            Assert.Equal(pool.NthCidr(0), Assert.Single(add.Addresses));

            var (_, squatterMac) = await fixture.Node.AddNeighbourAsync("squatter", pool.NthCidr(1));

            var conflict = await fixture.MacvlanAsync("ADD", victim, config);

            Assert.False(conflict.Succeeded, fixture.Explain(conflict));
            Assert.Equal(101, conflict.Code);
            Assert.Contains(pool.Nth(1), conflict.Message, StringComparison.Ordinal);
            Assert.Contains(squatterMac, conflict.Message, StringComparison.OrdinalIgnoreCase);

            // Not left held by the pod (checked before the runtime's DEL, which would release it anyway).
            var recorded = await fixture.Api.EndpointAsync(victim);
            Assert.True(recorded.Status == 404, $"after the conflict NodeHost still records {recorded.Body}");

            // The runtime cleans the failed sandbox up with DEL, then retries the pod in a new sandbox.
            var cleanup = await fixture.MacvlanAsync("DEL", victim, config);
            Assert.True(cleanup.Succeeded, fixture.Explain(cleanup));
            retry = await fixture.NextSandboxAsync(victim);
            var again = await fixture.MacvlanAsync("ADD", retry, config);

            Assert.True(again.Succeeded, $"the retry must get the address after the conflicting one: {fixture.Explain(again)}");
            Assert.Equal(pool.NthCidr(2), Assert.Single(again.Addresses));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", first, config);
            await fixture.MacvlanAsync("DEL", victim, config);
            if (retry is not null)
            {
                await fixture.MacvlanAsync("DEL", retry, config);
            }
        }
    }

    [Fact]
    public async Task Add_fails_with_102_while_the_gateway_does_not_answer_and_succeeds_once_it_does()
    {
        var pool = TestPools.Gateway;
        var config = CniFixture.MacvlanConfig("1.0.0", "gateway-net", fixture.Ipam(pool, extra: new JsonObject { ["enable_gateway_detection"] = true }));
        var pod = await fixture.NewPodAsync("nogw");
        TestPod? retry = null;
        try
        {
            var add = await fixture.MacvlanAsync("ADD", pod, config);

            Assert.False(add.Succeeded, fixture.Explain(add));
            Assert.Equal(102, add.Code);
            Assert.Contains(pool.Gateway, add.Message, StringComparison.Ordinal);
            var recorded = await fixture.Api.EndpointAsync(pod);
            Assert.True(recorded.Status == 404, $"after the failed gateway check NodeHost still records {recorded.Body}");

            var cleanup = await fixture.MacvlanAsync("DEL", pod, config);
            Assert.True(cleanup.Succeeded, fixture.Explain(cleanup));
            await fixture.Node.AddNeighbourAsync("gateway", $"{pool.Gateway}/{pool.PrefixLength}");
            retry = await fixture.NextSandboxAsync(pod);
            var again = await fixture.MacvlanAsync("ADD", retry, config);

            Assert.True(again.Succeeded, fixture.Explain(again));
            Assert.True(pool.Contains(Assert.Single(again.Addresses)));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", pod, config);
            if (retry is not null)
            {
                await fixture.MacvlanAsync("DEL", retry, config);
            }
        }
    }
}
