using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The real plugin binary against a real NodeHost, with one field of the environment or the config broken at a time
/// (<see cref="MalformedCases"/>): the right CNI code and a message naming the field, and nothing allocated or
/// released: the broken pod has no record, a pod allocated before keeps its address, and the next allocation gets
/// the address right after that pod's (so no address was taken in between).
/// </summary>
[Collection(CniCollection.Name)]
public sealed class MalformedInputTests : IClassFixture<CniFixture>
{
    private const string Network = "malformed-net";
    private readonly CniFixture fixture;

    public MalformedInputTests(CniFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.RequireRoot();
        this.fixture = fixture;
    }

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in MalformedCases.All.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    private static TestPool Pool => TestPools.Malformed;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_input_is_refused_with_its_cni_code_and_allocates_or_releases_nothing(string name)
    {
        var broken = MalformedCases.All[name];
        var keeper = await fixture.NewPodAsync("keeper");
        var subject = broken.Command is "DEL" or "GC" ? keeper : await fixture.NewPodAsync("subject");
        var probe = await fixture.NewPodAsync("probe");
        try
        {
            var keeperAddress = await AddAsync(keeper);
            var config = Baseline(broken.Command, keeper);
            broken.Config?.Invoke(config);

            var outcome = await fixture.PluginAsync(broken.Command, subject, broken.Stdin ?? ChildProcess.Utf8(config.ToJsonString()), broken.Environment);

            Assert.False(outcome.Succeeded, fixture.Explain(outcome));
            Assert.True(outcome.Code == broken.Code, $"expected code {broken.Code}: {fixture.Explain(outcome)}");
            Assert.Contains(broken.Names, outcome.Message, StringComparison.Ordinal);

            if (subject != keeper)
            {
                var recorded = await fixture.Api.EndpointAsync(subject);
                Assert.True(recorded.Status == 404, $"the refused call left a record: {recorded.Body}");
            }

            Assert.Equal(new[] { keeperAddress }, (await fixture.Api.EndpointAsync(keeper)).Addresses);
            Assert.Equal(After(keeperAddress, 1), await AddAsync(probe));
        }
        finally
        {
            await CleanUpAsync(keeper, subject, probe);
        }
    }

    /// <summary>The control of the theory above: the same calls well formed do allocate and release, so its checks can fail.</summary>
    [Fact]
    public async Task The_same_calls_well_formed_allocate_and_release_what_the_malformed_ones_must_not()
    {
        var keeper = await fixture.NewPodAsync("keeper");
        var subject = await fixture.NewPodAsync("subject");
        var probe = await fixture.NewPodAsync("probe");
        try
        {
            var keeperAddress = await AddAsync(keeper);

            var add = await fixture.PluginAsync("ADD", subject, Baseline("ADD", keeper));
            Assert.True(add.Succeeded, fixture.Explain(add));
            Assert.Equal(200, (await fixture.Api.EndpointAsync(subject)).Status);
            Assert.Equal(After(keeperAddress, 2), await AddAsync(probe));

            // GC listing only the keeper releases the other two of the network.
            var gc = await fixture.PluginAsync("GC", keeper, Baseline("GC", keeper));
            Assert.True(gc.Succeeded, fixture.Explain(gc));
            Assert.Equal(404, (await fixture.Api.EndpointAsync(probe)).Status);

            var del = await fixture.PluginAsync("DEL", keeper, Baseline("DEL", keeper));
            Assert.True(del.Succeeded, fixture.Explain(del));
            Assert.Equal(404, (await fixture.Api.EndpointAsync(keeper)).Status);
        }
        finally
        {
            await CleanUpAsync(keeper, subject, probe);
        }
    }

    private static string After(string cidr, int offset)
    {
        var parts = cidr.Split('/');
        return $"{TestPool.Add(parts[0], offset)}/{parts[1]}";
    }

    /// <summary>A well-formed call of <paramref name="command"/>; the cases break one thing in it.</summary>
    private JsonObject Baseline(string command, TestPod keeper)
    {
        var config = CniFixture.DirectConfig(command is "GC" or "STATUS" ? "1.1.0" : "1.0.0", Network, fixture.Ipam(Pool));
        if (command == "CHECK")
        {
            config["prevResult"] = new JsonObject { ["cniVersion"] = "1.0.0", ["ips"] = new JsonArray(new JsonObject { ["address"] = Pool.NthCidr(40) }) };
        }

        if (command == "GC")
        {
            config["cni.dev/valid-attachments"] = new JsonArray(new JsonObject { ["containerID"] = keeper.ContainerId, ["ifname"] = keeper.IfName });
        }

        return config;
    }

    private async Task<string> AddAsync(TestPod pod)
    {
        var add = await fixture.PluginAsync("ADD", pod, Baseline("ADD", pod));
        Assert.True(add.Succeeded, fixture.Explain(add));
        return Assert.Single(add.Addresses);
    }

    private async Task CleanUpAsync(params TestPod[] pods)
    {
        foreach (var pod in pods.Distinct())
        {
            await fixture.PluginAsync("DEL", pod, Baseline("DEL", pod));
        }
    }
}
