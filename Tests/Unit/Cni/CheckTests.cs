using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class CheckTests : IAsyncLifetime
{
    /// <summary>A chained result, as the runtime passes it: the main plugin's interfaces, addresses indexed into them.</summary>
    private const string ChainedPrevResult = """
        {"cniVersion":"1.1.0",
         "interfaces":[{"name":"eth0","mac":"52:54:00:aa:bb:cc","sandbox":"/var/run/netns/cni-1234"},{"name":"net1","sandbox":"/var/run/netns/cni-1234"}],
         "ips":[{"address":"10.6.1.10/16","gateway":"10.6.0.1","interface":0},{"address":"fd00:6::a/64","interface":0},{"address":"10.7.1.10/16","interface":1}],
         "routes":[{"dst":"0.0.0.0/0","gw":"10.6.0.1"}]}
        """;

    private const string Recorded = """
        {"podNamespace":"demo","podName":"web-0","podUID":"uid-1","node":"node-1",
         "interfaces":[
           {"interface":"eth0","ipv4":"10.6.1.10/16","ipv6":"fd00:6::a/64","ipv4Pool":"v4-a","ipv6Pool":"v6-a","ipv4Gateway":"10.6.0.1"},
           {"interface":"net1","ipv4":"10.7.1.10/16","ipv4Pool":"v4-b","vlan":20}]}
        """;

    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        harness.NodeHost.Respond = _ => new FakeResponse(200, Recorded);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private JsonObject Config(string prevResult = ChainedPrevResult, string version = "1.1.0")
    {
        var config = harness.Config(version);
        config["prevResult"] = JsonNode.Parse(prevResult);
        return config;
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("net1")]
    public async Task Check_when_prev_result_has_exactly_the_recorded_addresses_succeeds_without_output(string ifName)
    {
        var outcome = await CniHarness.RunAsync("CHECK", Config(), ifName);

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        var request = Assert.Single(harness.NodeHost.Requests);
        Assert.Equal(("GET", $"/v1/workloadendpoint?podNamespace=demo&podName=web-0&containerID={CniHarness.ContainerId}&ifName={ifName}", ""), (request.Method, request.Target, request.Body));
    }

    [Fact]
    public async Task Check_with_an_ipam_only_prev_result_compares_all_of_its_addresses()
    {
        var outcome = await CniHarness.RunAsync("CHECK", Config("""{"ips":[{"version":"4","address":"10.7.1.10/16"}]}""", "0.4.0"), "net1");

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
    }

    [Fact]
    public async Task Check_when_an_address_differs_fails_with_check_mismatch_naming_both()
    {
        var prev = ChainedPrevResult.Replace("fd00:6::a/64", "fd00:6::b/64", StringComparison.Ordinal);

        var outcome = await CniHarness.RunAsync("CHECK", Config(prev));

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"1.1.0","code":107,"msg":"interface eth0 of pod demo/web-0 has 10.6.1.10/16, fd00:6::b/64 in prevResult, but NodeHost records 10.6.1.10/16, fd00:6::a/64"}""", ""),
            outcome);
    }

    [Fact]
    public async Task Check_when_nodehost_records_an_address_prev_result_lacks_fails_with_check_mismatch()
    {
        var outcome = await CniHarness.RunAsync("CHECK", Config("""{"ips":[{"address":"10.6.1.10/16"}]}"""));

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":107,"msg":"interface eth0 of pod demo/web-0 has 10.6.1.10/16 in prevResult, but NodeHost records 10.6.1.10/16, fd00:6::a/64"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Check_when_nodehost_records_no_such_interface_fails_with_not_allocated()
    {
        var outcome = await CniHarness.RunAsync("CHECK", Config("""{"ips":[]}"""), "net9");

        Assert.Equal("""{"cniVersion":"1.1.0","code":106,"msg":"NodeHost records no interface net9 for pod demo/web-0"}""", outcome.Stdout);
    }

    [Fact]
    public async Task Check_when_nodehost_has_no_record_of_the_pod_fails_with_not_allocated()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(404, "");

        var outcome = await CniHarness.RunAsync("CHECK", Config());

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":106,"msg":"NodeHost has no allocation for pod demo/web-0","details":"GET /v1/workloadendpoint answered 404"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Check_when_the_record_belongs_to_another_pod_uid_fails_with_check_mismatch()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(200, Recorded.Replace("uid-1", "uid-0", StringComparison.Ordinal));

        var outcome = await CniHarness.RunAsync("CHECK", Config());

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":107,"msg":"NodeHost's record of pod demo/web-0 belongs to pod uid 'uid-0', not to K8S_POD_UID 'uid-1'"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Check_without_prev_result_fails_with_code_7_and_asks_nothing()
    {
        var outcome = await CniHarness.RunAsync("CHECK", harness.Config());

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"1.1.0","code":7,"msg":"prevResult is missing: CHECK needs the result of the preceding ADD in prevResult"}""", ""),
            outcome);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    public async Task Check_with_a_config_older_than_0_4_0_fails_with_incompatible_version(string version)
    {
        var outcome = await CniHarness.RunAsync("CHECK", Config(version: version));

        Assert.Equal(
            $$"""{"cniVersion":"{{version}}","code":1,"msg":"cniVersion '{{version}}' does not allow CHECK; CHECK needs cniVersion 0.4.0 or later"}""",
            outcome.Stdout);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Fact]
    public async Task Check_when_nodehost_answers_a_malformed_record_fails_with_invalid_daemon_response()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(200, Recorded.Replace("10.7.1.10/16", "10.7.1", StringComparison.Ordinal));

        var outcome = await CniHarness.RunAsync("CHECK", Config(), "net1");

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":108,"msg":"NodeHost's answer to GET /v1/workloadendpoint breaks the plugin contract: interfaces[net1].ipv4 '10.7.1' is not an address","details":"check that NodeHost and the spiderpool plugin are the same version"}""",
            outcome.Stdout);
    }
}
