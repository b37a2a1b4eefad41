using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class GcTests : IAsyncLifetime
{
    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        harness.NodeHost.Respond = _ => new FakeResponse(200, """{"released":["10.6.1.99/16 eth0 dead0001"]}""");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static Dictionary<string, string> GcEnv() => new() { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/opt/cni/bin" };

    private JsonObject Config(string version = "1.1.0")
    {
        var config = harness.Config(version);
        config["cni.dev/valid-attachments"] = JsonNode.Parse("""[{"containerID":"c0ffee01","ifname":"eth0"},{"containerID":"c0ffee02","ifname":"net1"}]""");
        return config;
    }

    [Fact]
    public async Task Gc_posts_the_network_name_and_the_valid_attachments_and_prints_nothing()
    {
        var outcome = await CniHarness.RunAsync(GcEnv(), Config().ToJsonString());

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        var request = Assert.Single(harness.NodeHost.Requests);
        Assert.Equal(("POST", "/v1/ipam/gc"), (request.Method, request.Target));
        Assert.Equal(
            """{"netName":"macvlan-underlay","validAttachments":[{"containerID":"c0ffee01","ifName":"eth0"},{"containerID":"c0ffee02","ifName":"net1"}]}""",
            request.Body);
        Assert.Contains("GC of network macvlan-underlay kept 2 attachments and released 1: 10.6.1.99/16 eth0 dead0001", harness.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gc_with_an_empty_attachment_list_sends_an_empty_list()
    {
        var config = Config();
        config["cni.dev/valid-attachments"] = new JsonArray();

        await CniHarness.RunAsync(GcEnv(), config.ToJsonString());

        Assert.Equal("""{"netName":"macvlan-underlay","validAttachments":[]}""", Assert.Single(harness.NodeHost.Requests).Body);
    }

    [Fact]
    public async Task Gc_without_valid_attachments_fails_with_code_7_instead_of_releasing_everything()
    {
        var outcome = await CniHarness.RunAsync(GcEnv(), harness.Config().ToJsonString());

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"1.1.0","code":7,"msg":"cni.dev/valid-attachments is missing: GC needs the list of attachments that are still valid"}""", ""),
            outcome);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Theory]
    [InlineData("""[{"containerID":"c0ffee01"}]""", "cni.dev/valid-attachments[0].ifname is missing")]
    [InlineData("""[{"ifname":"eth0"}]""", "cni.dev/valid-attachments[0].containerID is missing")]
    [InlineData("""[{"containerID":"c1","ifname":"eth0"},"c2"]""", "cni.dev/valid-attachments[1] must be an object with containerID and ifname, not \"c2\"")]
    [InlineData("""{"containerID":"c1"}""", "cni.dev/valid-attachments must be an array, not {\"containerID\":\"c1\"}")]
    public async Task Gc_with_a_malformed_attachment_fails_with_code_7_naming_it(string attachments, string message)
    {
        var config = harness.Config();
        config["cni.dev/valid-attachments"] = JsonNode.Parse(attachments);

        var outcome = await CniHarness.RunAsync(GcEnv(), config.ToJsonString());

        Assert.Equal(7, (int)JsonNode.Parse(outcome.Stdout)!["code"]!);
        Assert.Equal(message, (string?)JsonNode.Parse(outcome.Stdout)!["msg"]);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Fact]
    public async Task Gc_with_a_config_older_than_1_1_0_fails_with_incompatible_version()
    {
        var outcome = await CniHarness.RunAsync(GcEnv(), Config("1.0.0").ToJsonString());

        Assert.Equal("""{"cniVersion":"1.0.0","code":1,"msg":"cniVersion '1.0.0' does not allow GC; GC needs cniVersion 1.1.0 or later"}""", outcome.Stdout);
    }

    [Fact]
    public async Task Gc_without_cni_path_fails_with_code_4()
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "GC" }, Config().ToJsonString());

        Assert.Equal("""{"cniVersion":"1.1.0","code":4,"msg":"required environment variable CNI_PATH is missing for CNI_COMMAND GC"}""", outcome.Stdout);
    }

    [Fact]
    public async Task Gc_when_nodehost_fails_fails_with_its_code()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, """{"code":11,"msg":"the Orleans cluster is unreachable; try again later"}""");

        var outcome = await CniHarness.RunAsync(GcEnv(), Config().ToJsonString());

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":11,"msg":"the Orleans cluster is unreachable; try again later","details":"NodeHost answered HTTP 500 to POST /v1/ipam/gc"}""",
            outcome.Stdout);
    }
}
