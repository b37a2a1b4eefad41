using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The main CNI path: Debian's macvlan (cniVersion 1.0.0) creates the pod's interface and asks our plugin for the
/// address, as kubelet's runtime runs it. What the pod gets is checked in its namespace and in NodeHost's record.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class MacvlanChainTests : IClassFixture<CniFixture>
{
    private const string Network = "chain-net";
    private readonly CniFixture fixture;

    public MacvlanChainTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    private static TestPool Pool => TestPools.Chain;

    [Fact]
    public async Task Add_puts_an_address_of_the_pool_on_the_pods_interface_and_NodeHost_records_it()
    {
        var pod = await fixture.NewPodAsync("add");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", pod, Config());

            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);
            Assert.True(Pool.Contains(address) && address.EndsWith($"/{Pool.PrefixLength}", StringComparison.Ordinal), $"{address} is not in {Pool.First}-{Pool.Last}/{Pool.PrefixLength}");
            Assert.Equal(Pool.Gateway, add.Ips[0]["gateway"]?.GetValue<string>());
            Assert.Equal(new[] { address }, await NetworkNamespaces.AddressesAsync(pod.Netns, pod.IfName));

            var recorded = await fixture.Api.EndpointAsync(pod);
            Assert.Equal(200, recorded.Status);
            Assert.Equal(pod.Uid, recorded.Endpoint!.PodUid);
            var nic = Assert.Single(recorded.Endpoint.Interfaces);
            Assert.Equal((pod.IfName, address, Pool.Name), (nic.Interface, nic.IPv4, nic.IPv4Pool));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", pod, Config());
        }
    }

    [Fact]
    public async Task Check_with_the_add_result_as_prevResult_succeeds_and_with_another_address_fails_with_107()
    {
        var pod = await fixture.NewPodAsync("check");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", pod, Config());
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);

            var check = await fixture.MacvlanAsync("CHECK", pod, CniFixture.WithPrevResult(Config(), add.Json!));
            Assert.True(check.Succeeded, fixture.Explain(check));
            Assert.Equal("", check.Process.Stdout.Trim());

            var changed = (JsonObject)add.Json!.DeepClone();
            var other = Pool.NthCidr(50);
            changed["ips"]![0]!["address"] = other;
            var mismatch = await fixture.MacvlanAsync("CHECK", pod, CniFixture.WithPrevResult(Config(), changed));
            Assert.False(mismatch.Succeeded, fixture.Explain(mismatch));
            Assert.Equal(107, mismatch.Code);
            Assert.Contains(other, mismatch.Message, StringComparison.Ordinal);
            Assert.Contains(address, mismatch.Message, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", pod, Config());
        }
    }

    [Fact]
    public async Task Del_removes_the_interface_and_releases_the_address_so_the_next_pod_gets_it()
    {
        var first = await fixture.NewPodAsync("del");
        var next = await fixture.NewPodAsync("delnext");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", first, Config());
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);

            var del = await fixture.MacvlanAsync("DEL", first, Config());
            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal("", del.Process.Stdout.Trim());
            Assert.False(await NetworkNamespaces.LinkExistsAsync(first.Netns, first.IfName), "DEL left the pod's interface behind");
            Assert.Equal(404, (await fixture.Api.EndpointAsync(first)).Status);

            // Lowest free first: the released address is the one the next pod gets.
            var again = await fixture.MacvlanAsync("ADD", next, Config());
            Assert.True(again.Succeeded, fixture.Explain(again));
            Assert.Equal(address, Assert.Single(again.Addresses));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", first, Config());
            await fixture.MacvlanAsync("DEL", next, Config());
        }
    }

    [Fact]
    public async Task Repeated_del_and_del_of_a_pod_never_added_succeed_and_leave_other_pods_alone()
    {
        var keeper = await fixture.NewPodAsync("keeper");
        var pod = await fixture.NewPodAsync("twice");
        var stranger = await fixture.NewPodAsync("stranger");
        try
        {
            var kept = await fixture.MacvlanAsync("ADD", keeper, Config());
            Assert.True(kept.Succeeded, fixture.Explain(kept));
            var keeperAddress = Assert.Single(kept.Addresses);
            var add = await fixture.MacvlanAsync("ADD", pod, Config());
            Assert.True(add.Succeeded, fixture.Explain(add));

            foreach (var round in new[] { "first", "second", "third" })
            {
                var del = await fixture.MacvlanAsync("DEL", pod, Config());
                Assert.True(del.Succeeded, $"{round} DEL: {fixture.Explain(del)}");
            }

            var never = await fixture.MacvlanAsync("DEL", stranger, Config());
            Assert.True(never.Succeeded, fixture.Explain(never));

            var recorded = await fixture.Api.EndpointAsync(keeper);
            Assert.Equal(200, recorded.Status);
            Assert.Equal(new[] { keeperAddress }, recorded.Addresses);
            Assert.Equal(new[] { keeperAddress }, await NetworkNamespaces.AddressesAsync(keeper.Netns, keeper.IfName));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", keeper, Config());
            await fixture.MacvlanAsync("DEL", pod, Config());
        }
    }

    [Theory]
    [InlineData("CNI_NETNS unset")]
    [InlineData("CNI_NETNS naming the deleted namespace")]
    public async Task Del_after_the_pods_namespace_was_deleted_succeeds_and_releases_the_address(string how)
    {
        var pod = await fixture.NewPodAsync("gone");
        var next = await fixture.NewPodAsync("gonenext");
        try
        {
            var add = await fixture.MacvlanAsync("ADD", pod, Config());
            Assert.True(add.Succeeded, fixture.Explain(add));
            var address = Assert.Single(add.Addresses);
            await NetworkNamespaces.DeleteAsync(pod.Netns);
            Assert.False(File.Exists(pod.NetnsPath), "the namespace is still there");

            var del = await fixture.MacvlanAsync("DEL", pod, Config(), env =>
            {
                if (how == "CNI_NETNS unset")
                {
                    env["CNI_NETNS"] = null;
                }
            });

            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal(404, (await fixture.Api.EndpointAsync(pod)).Status);
            var again = await fixture.MacvlanAsync("ADD", next, Config());
            Assert.True(again.Succeeded, fixture.Explain(again));
            Assert.Equal(address, Assert.Single(again.Addresses));
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", pod, Config(), env => env["CNI_NETNS"] = null);
            await fixture.MacvlanAsync("DEL", next, Config());
        }
    }

    private JsonObject Config() => CniFixture.MacvlanConfig("1.0.0", Network, fixture.Ipam(Pool));
}
