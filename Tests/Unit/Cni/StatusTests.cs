using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class StatusTests : IAsyncLifetime
{
    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static Dictionary<string, string> StatusEnv() => new() { ["CNI_COMMAND"] = "STATUS" };

    [Fact]
    public async Task Status_when_nodehost_is_healthy_succeeds_without_output()
    {
        var outcome = await CniHarness.RunAsync(StatusEnv(), harness.Config().ToJsonString());

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        var request = Assert.Single(harness.NodeHost.Requests);
        Assert.Equal(("GET", "/v1/ipam/healthy"), (request.Method, request.Target));
    }

    [Fact]
    public async Task Status_when_nodehost_is_unhealthy_fails_with_plugin_not_available()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, "\"the Orleans cluster is unreachable\"");

        var outcome = await CniHarness.RunAsync(StatusEnv(), harness.Config().ToJsonString());

        Assert.Equal(
            new PluginOutcome(1, $$"""{"cniVersion":"1.1.0","code":50,"msg":"NodeHost at {{harness.SocketPath}} is not ready: the Orleans cluster is unreachable","details":"NodeHost answered HTTP 500 to GET /v1/ipam/healthy"}""", ""),
            outcome);
    }

    [Fact]
    public async Task Status_passes_limited_connectivity_through_when_nodehost_reports_it()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, """{"code":51,"msg":"netlink is failing"}""");

        var outcome = await CniHarness.RunAsync(StatusEnv(), harness.Config().ToJsonString());

        Assert.Equal(
            $$"""{"cniVersion":"1.1.0","code":51,"msg":"NodeHost at {{harness.SocketPath}} is not ready: netlink is failing","details":"NodeHost answered HTTP 500 to GET /v1/ipam/healthy"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Status_when_nodehost_is_unreachable_fails_with_plugin_not_available()
    {
        var config = harness.Config();
        var missing = Path.Combine(harness.Directory, "none.sock");
        config["ipam"]!["ipam_unix_socket_path"] = missing;

        var outcome = await CniHarness.RunAsync(StatusEnv(), config.ToJsonString());

        Assert.Equal(
            new PluginOutcome(1, $$"""{"cniVersion":"1.1.0","code":50,"msg":"cannot reach NodeHost at {{missing}}: NodeHost is not running or not ready","details":"GET /v1/ipam/healthy: the socket file does not exist"}""", ""),
            outcome);
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task Status_with_a_config_older_than_1_1_0_fails_with_incompatible_version(string version)
    {
        var outcome = await CniHarness.RunAsync(StatusEnv(), harness.Config(version).ToJsonString());

        Assert.Equal(
            new PluginOutcome(1, $$"""{"cniVersion":"{{version}}","code":1,"msg":"cniVersion '{{version}}' does not allow STATUS; STATUS needs cniVersion 1.1.0 or later"}""", ""),
            outcome);
        Assert.Empty(harness.NodeHost.Requests);
    }
}
