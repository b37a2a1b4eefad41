using System.Text.Json;
using System.Text.Json.Nodes;
using Spiderpool.Cni.Contract;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DelTests : IAsyncLifetime
{
    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Del_sends_spiderpools_ipam_del_args_and_prints_nothing()
    {
        var outcome = await CniHarness.RunAsync("DEL", harness.Config("0.4.0"));

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        var request = Assert.Single(harness.NodeHost.Requests);
        Assert.Equal(("DELETE", "/v1/ipam/ip"), (request.Method, request.Target));
        Assert.Equal(
            """{"containerID":"c0ffee01","ifName":"eth0","netNamespace":"/var/run/netns/cni-1234","podNamespace":"demo","podName":"web-0","podUID":"uid-1","netName":"macvlan-underlay","cniVersion":"0.4.0"}""",
            request.Body);
    }

    [Fact]
    public async Task Del_without_a_netns_still_releases_and_succeeds()
    {
        var env = CniHarness.Env("DEL");
        env.Remove("CNI_NETNS");

        var outcome = await CniHarness.RunAsync(env, harness.Config().ToJsonString());

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        Assert.Equal(
            """{"containerID":"c0ffee01","ifName":"eth0","podNamespace":"demo","podName":"web-0","podUID":"uid-1","netName":"macvlan-underlay","cniVersion":"1.1.0"}""",
            Assert.Single(harness.NodeHost.Requests).Body);
    }

    [Fact]
    public async Task Del_repeated_succeeds_every_time()
    {
        var first = await CniHarness.RunAsync("DEL", harness.Config());
        var second = await CniHarness.RunAsync("DEL", harness.Config());

        Assert.Equal((new PluginOutcome(0, "", ""), new PluginOutcome(0, "", "")), (first, second));
        Assert.Equal(2, harness.NodeHost.Requests.Count);
    }

    [Theory]
    [InlineData(404, "")]
    [InlineData(500, """{"code":106,"msg":"pod demo/web-0 holds nothing on eth0"}""")]
    public async Task Del_when_nodehost_says_nothing_is_held_succeeds(int status, string body)
    {
        harness.NodeHost.Respond = _ => new FakeResponse(status, body);

        var outcome = await CniHarness.RunAsync("DEL", harness.Config());

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
    }

    [Fact]
    public async Task Del_with_a_malformed_prev_result_still_releases()
    {
        var config = harness.Config();
        config["prevResult"] = JsonNode.Parse("""{"ips":[{"address":"not-an-address"}]}""");

        var outcome = await CniHarness.RunAsync("DEL", config);

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        Assert.Single(harness.NodeHost.Requests);
    }

    [Fact]
    public async Task Del_without_the_pods_identity_asks_nodehost_which_finds_the_allocation_by_container_and_interface()
    {
        var outcome = await CniHarness.RunAsync("DEL", harness.Config(), args: "IgnoreUnknown=1");

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        var body = Assert.Single(harness.NodeHost.Requests).Body;
        Assert.Contains($"\"containerID\":\"{CniHarness.ContainerId}\",\"ifName\":\"eth0\"", body, StringComparison.Ordinal);
        Assert.Contains("\"podNamespace\":\"\",\"podName\":\"\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_when_nodehost_is_unreachable_is_recorded_in_the_journal_and_succeeds_because_podman_never_retries()
    {
        var config = harness.Config();
        var missing = Path.Combine(harness.Directory, "gone.sock");
        config["ipam"]!["ipam_unix_socket_path"] = missing;

        var outcome = await CniHarness.RunAsync("DEL", config);

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        var entry = Assert.Single(Directory.GetFiles(harness.JournalDirectory));
        Assert.Equal(DelJournal.EntryPath(harness.JournalDirectory, CniHarness.ContainerId, "eth0"), entry);
        var recorded = JsonSerializer.Deserialize(File.ReadAllBytes(entry), CniContractJsonContext.Default.IpamDelArgs)!;
        Assert.Equal((CniHarness.ContainerId, "eth0", "demo", "web-0"), (recorded.ContainerId, recorded.IfName, recorded.PodNamespace, recorded.PodName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(entry));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(harness.JournalDirectory));
        Assert.Contains("recorded it in", harness.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_answered_try_again_later_by_nodehost_is_recorded_in_the_journal_and_succeeds()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, """{"code":11,"msg":"the Spiderpool cluster did not answer DEL; retry"}""");

        var outcome = await CniHarness.RunAsync("DEL", harness.Config());

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
        Assert.True(File.Exists(DelJournal.EntryPath(harness.JournalDirectory, CniHarness.ContainerId, "eth0")));
    }

    [Fact]
    public async Task Del_that_can_neither_reach_nodehost_nor_write_the_journal_fails_with_try_again_later_naming_both()
    {
        var config = harness.Config();
        var missing = Path.Combine(harness.Directory, "gone.sock");
        config["ipam"]!["ipam_unix_socket_path"] = missing;
        var blocked = Path.Combine(harness.Directory, "not-a-directory");
        File.WriteAllText(blocked, "");
        config["ipam"]!["del_journal_dir"] = Path.Combine(blocked, "journal");

        var outcome = await CniHarness.RunAsync("DEL", config);

        Assert.Equal(1, outcome.ExitCode);
        var error = JsonNode.Parse(outcome.Stdout)!;
        Assert.Equal(11, error["code"]!.GetValue<int>());
        Assert.Equal($"cannot reach NodeHost at {missing}: NodeHost is not running or not ready; try again later", error["msg"]!.GetValue<string>());
        Assert.StartsWith($"DELETE /v1/ipam/ip: the socket file does not exist; recording the DEL in {blocked}/journal failed too: ", error["details"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_when_nodehost_fails_to_release_fails_with_release_failed_and_its_message()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, "\"failed to release: silo unavailable\"");

        var outcome = await CniHarness.RunAsync("DEL", harness.Config());

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"1.1.0","code":104,"msg":"failed to release: silo unavailable","details":"NodeHost answered HTTP 500 to DELETE /v1/ipam/ip"}""", ""),
            outcome);
    }
}
