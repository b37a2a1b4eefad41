using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>Many sandboxes at once on one node, as a node start or a scale-up produces them.</summary>
[Collection(CniCollection.Name)]
public sealed class ConcurrentAddTests : IClassFixture<CniFixture>
{
    private const int Pods = 20;
    private readonly CniFixture fixture;

    public ConcurrentAddTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    private static TestPool Pool => TestPools.Concurrent;

    [Fact]
    public async Task Twenty_parallel_adds_get_twenty_distinct_addresses_and_twenty_parallel_dels_release_them_all()
    {
        var config = CniFixture.MacvlanConfig("1.0.0", "concurrent-net", fixture.Ipam(Pool));
        var pods = new List<TestPod>();
        for (var i = 0; i < Pods; i++)
        {
            pods.Add(await fixture.NewPodAsync("par"));
        }

        var after = await fixture.NewPodAsync("after");
        try
        {
            var adds = await Task.WhenAll(pods.Select(p => fixture.MacvlanAsync("ADD", p, config)));

            foreach (var add in adds)
            {
                Assert.True(add.Succeeded, fixture.Explain(add));
            }

            var addresses = adds.Select(a => Assert.Single(a.Addresses)).ToList();

            // Distinct, and (lowest free first in a pool of its own) exactly the pool's first twenty addresses.
            Assert.Equal(Enumerable.Range(0, Pods).Select(Pool.NthCidr).Order(StringComparer.Ordinal), addresses.Order(StringComparer.Ordinal));
            for (var i = 0; i < Pods; i++)
            {
                Assert.Equal(new[] { addresses[i] }, await NetworkNamespaces.AddressesAsync(pods[i].Netns, pods[i].IfName));
                Assert.Equal(new[] { addresses[i] }, (await fixture.Api.EndpointAsync(pods[i])).Addresses);
            }

            var dels = await Task.WhenAll(pods.Select(p => fixture.MacvlanAsync("DEL", p, config)));

            foreach (var del in dels)
            {
                Assert.True(del.Succeeded, fixture.Explain(del));
            }

            foreach (var pod in pods)
            {
                Assert.Equal(404, (await fixture.Api.EndpointAsync(pod)).Status);
                Assert.False(await NetworkNamespaces.LinkExistsAsync(pod.Netns, pod.IfName), $"DEL left {pod.IfName} in {pod.Netns}");
            }

            // All twenty are free again: the next pod gets the first address.
            var next = await fixture.MacvlanAsync("ADD", after, config);
            Assert.True(next.Succeeded, fixture.Explain(next));
            Assert.Equal(Pool.NthCidr(0), Assert.Single(next.Addresses));
        }
        finally
        {
            await Task.WhenAll(pods.Append(after).Select(p => fixture.MacvlanAsync("DEL", p, config)));
        }
    }
}
