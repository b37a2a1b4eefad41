using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Every CNI spec version the plugin supports: 0.3.0 to 1.0.0 chained under Debian's macvlan (which speaks up to
/// 1.0.0), dual stack; 1.1.0 (STATUS, GC) against our plugin directly. The result must have each version's shape.
/// </summary>
[Collection(CniCollection.Name)]
public sealed class SpecVersionTests : IClassFixture<CniFixture>
{
    private static readonly string[] s_supported = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];
    private readonly CniFixture fixture;

    public SpecVersionTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task Macvlan_chained_with_spiderpool_answers_dual_stack_in_the_result_shape_of_the_config_version(string version)
    {
        var pod = await fixture.NewPodAsync("v" + version.Replace(".", "", StringComparison.Ordinal));
        var config = CniFixture.MacvlanConfig(version, $"versions-{version}", fixture.Ipam(TestPools.VersionsV4, TestPools.VersionsV6));
        try
        {
            var add = await fixture.MacvlanAsync("ADD", pod, config);

            Assert.True(add.Succeeded, fixture.Explain(add));
            var result = add.Json!;
            Assert.Equal(version, result["cniVersion"]?.GetValue<string>());
            var link = Assert.Single(result["interfaces"]!.AsArray());
            Assert.Equal((pod.IfName, pod.NetnsPath), (link!["name"]?.GetValue<string>(), link["sandbox"]?.GetValue<string>()));

            Assert.Equal(2, add.Ips.Count);
            var v4 = add.Ips.Single(ip => !ip["address"]!.GetValue<string>().Contains(':', StringComparison.Ordinal));
            var v6 = add.Ips.Single(ip => ip["address"]!.GetValue<string>().Contains(':', StringComparison.Ordinal));
            foreach (var (ip, pool, family) in new[] { (v4, TestPools.VersionsV4, "4"), (v6, TestPools.VersionsV6, "6") })
            {
                Assert.True(pool.Contains(ip["address"]!.GetValue<string>()), $"{ip["address"]} is not in {pool.Name}");
                Assert.Equal(pool.Gateway, ip["gateway"]?.GetValue<string>());
                Assert.Equal(0, ip["interface"]?.GetValue<int>());

                // 0.3.x and 0.4.0 tag each address with its family; 1.0.0 removed the field.
                if (version == "1.0.0")
                {
                    Assert.False(ip.ContainsKey("version"), $"a 1.0.0 result must not carry ips[].version: {ip.ToJsonString()}");
                }
                else
                {
                    Assert.Equal(family, ip["version"]?.GetValue<string>());
                }
            }

            var onLink = await NetworkNamespaces.AddressesAsync(pod.Netns, pod.IfName);
            Assert.Equal(add.Addresses.Order(StringComparer.Ordinal), onLink.Order(StringComparer.Ordinal));
            var recorded = await fixture.Api.EndpointAsync(pod);
            var nic = Assert.Single(recorded.Endpoint!.Interfaces);
            Assert.Equal((v4["address"]!.GetValue<string>(), v6["address"]!.GetValue<string>()), (nic.IPv4, nic.IPv6));

            if (version is "0.4.0" or "1.0.0")
            {
                var check = await fixture.MacvlanAsync("CHECK", pod, CniFixture.WithPrevResult((JsonObject)config.DeepClone(), result));
                Assert.True(check.Succeeded, fixture.Explain(check));
            }

            var del = await fixture.MacvlanAsync("DEL", pod, config);
            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal(404, (await fixture.Api.EndpointAsync(pod)).Status);
        }
        finally
        {
            await fixture.MacvlanAsync("DEL", pod, config);
        }
    }

    [Fact]
    public async Task Spiderpool_called_directly_at_1_1_0_serves_add_status_check_and_del_in_the_1_1_0_shape()
    {
        var pod = await fixture.NewPodAsync("direct");
        var config = CniFixture.DirectConfig("1.1.0", "direct-net", fixture.Ipam(TestPools.Direct, TestPools.VersionsV6));
        try
        {
            var add = await fixture.PluginAsync("ADD", pod, config);

            Assert.True(add.Succeeded, fixture.Explain(add));
            Assert.Equal("1.1.0", add.Json!["cniVersion"]?.GetValue<string>());
            Assert.False(add.Json.ContainsKey("interfaces"), "an IPAM plugin creates no interface, so its result lists none");
            Assert.Equal(2, add.Ips.Count);
            foreach (var ip in add.Ips)
            {
                Assert.False(ip.ContainsKey("version") || ip.ContainsKey("interface"), $"1.1.0 IPAM result entry has version or interface: {ip.ToJsonString()}");
            }

            Assert.Contains(add.Addresses, a => TestPools.Direct.Contains(a));
            Assert.Contains(add.Addresses, a => TestPools.VersionsV6.Contains(a));
            Assert.True(add.Json["dns"] is JsonObject, "libcni always prints dns");

            var status = await fixture.PluginAsync("STATUS", pod, config);
            Assert.True(status.Succeeded, fixture.Explain(status));
            Assert.Equal("", status.Process.Stdout.Trim());

            var check = await fixture.PluginAsync("CHECK", pod, CniFixture.WithPrevResult((JsonObject)config.DeepClone(), add.Json));
            Assert.True(check.Succeeded, fixture.Explain(check));

            var v4Only = (JsonObject)add.Json.DeepClone();
            v4Only["ips"] = new JsonArray(add.Ips.Where(ip => !ip["address"]!.GetValue<string>().Contains(':', StringComparison.Ordinal)).Select(ip => (JsonNode)ip.DeepClone()).ToArray());
            var mismatch = await fixture.PluginAsync("CHECK", pod, CniFixture.WithPrevResult((JsonObject)config.DeepClone(), v4Only));
            Assert.Equal(107, mismatch.Code);

            var del = await fixture.PluginAsync("DEL", pod, config);
            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal(404, (await fixture.Api.EndpointAsync(pod)).Status);
            var again = await fixture.PluginAsync("DEL", pod, config);
            Assert.True(again.Succeeded, fixture.Explain(again));
        }
        finally
        {
            await fixture.PluginAsync("DEL", pod, config);
        }
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.4.0")]
    [InlineData("1.1.0")]
    public async Task Version_echoes_the_config_version_and_lists_every_supported_version(string version)
    {
        var pod = await fixture.NewPodAsync("version");

        var answer = await fixture.PluginAsync("VERSION", pod, new JsonObject { ["cniVersion"] = version });

        Assert.True(answer.Succeeded, fixture.Explain(answer));
        Assert.Equal(version, answer.Json!["cniVersion"]?.GetValue<string>());
        Assert.Equal(s_supported, answer.Json["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
