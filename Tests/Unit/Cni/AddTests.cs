using System.Net.Sockets;
using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class AddTests : IAsyncLifetime
{
    /// <summary>NodeHost's answer for a pod with two interfaces: eth0 dual stack, net1 IPv4.</summary>
    public const string TwoInterfaceAnswer = """
        {"ips":[
          {"version":4,"address":"10.6.1.10/16","nic":"eth0","ipPool":"v4-a","gateway":"10.6.0.1","vlan":0},
          {"version":6,"address":"fd00:6::a/64","nic":"eth0","ipPool":"v6-a","gateway":"fd00:6::1"},
          {"version":4,"address":"10.7.1.10/16","nic":"net1","ipPool":"v4-b","gateway":"10.7.0.1"}],
         "routes":[
          {"ifName":"eth0","dst":"10.96.0.0/12","gw":"10.6.0.1"},
          {"ifName":"net1","dst":"10.8.0.0/16","gw":"10.7.0.1"},
          {"ifName":"eth0","dst":"fd00:96::1/112","gw":""}],
         "dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}
        """;

    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        harness.NodeHost.Respond = _ => new FakeResponse(200, TwoInterfaceAnswer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string, string> ResultShapes => new()
    {
        { "0.3.0", """{"cniVersion":"0.3.0","ips":[{"version":"4","address":"10.6.1.10/16","gateway":"10.6.0.1"},{"version":"6","address":"fd00:6::a/64","gateway":"fd00:6::1"}],"routes":[{"dst":"10.96.0.0/12","gw":"10.6.0.1"},{"dst":"fd00:96::/112"}],"dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}""" },
        { "0.3.1", """{"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.6.1.10/16","gateway":"10.6.0.1"},{"version":"6","address":"fd00:6::a/64","gateway":"fd00:6::1"}],"routes":[{"dst":"10.96.0.0/12","gw":"10.6.0.1"},{"dst":"fd00:96::/112"}],"dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}""" },
        { "0.4.0", """{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.6.1.10/16","gateway":"10.6.0.1"},{"version":"6","address":"fd00:6::a/64","gateway":"fd00:6::1"}],"routes":[{"dst":"10.96.0.0/12","gw":"10.6.0.1"},{"dst":"fd00:96::/112"}],"dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}""" },
        { "1.0.0", """{"cniVersion":"1.0.0","ips":[{"address":"10.6.1.10/16","gateway":"10.6.0.1"},{"address":"fd00:6::a/64","gateway":"fd00:6::1"}],"routes":[{"dst":"10.96.0.0/12","gw":"10.6.0.1"},{"dst":"fd00:96::/112"}],"dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}""" },
        { "1.1.0", """{"cniVersion":"1.1.0","ips":[{"address":"10.6.1.10/16","gateway":"10.6.0.1"},{"address":"fd00:6::a/64","gateway":"fd00:6::1"}],"routes":[{"dst":"10.96.0.0/12","gw":"10.6.0.1"},{"dst":"fd00:96::/112"}],"dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}""" },
    };

    [Theory]
    [MemberData(nameof(ResultShapes))]
    public async Task Add_prints_the_result_shape_of_the_configs_cni_version(string version, string expected)
    {
        var outcome = await CniHarness.RunAsync("ADD", harness.Config(version));

        Assert.Equal(new PluginOutcome(0, expected, ""), outcome);
    }

    [Fact]
    public async Task Add_keeps_only_the_addresses_and_routes_of_the_current_interface()
    {
        var outcome = await CniHarness.RunAsync("ADD", harness.Config(), ifName: "net1");

        Assert.Equal(
            """{"cniVersion":"1.1.0","ips":[{"address":"10.7.1.10/16","gateway":"10.7.0.1"}],"routes":[{"dst":"10.8.0.0/16","gw":"10.7.0.1"}],"dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["demo.svc.cluster.local"],"options":["ndots:5"]}}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Add_sends_one_post_with_spiderpools_ipam_add_args_and_no_health_probe()
    {
        await CniHarness.RunAsync("ADD", harness.Config());

        var request = Assert.Single(harness.NodeHost.Requests);
        Assert.Equal(("POST", "/v1/ipam/ip"), (request.Method, request.Target));
        Assert.Equal(
            """{"containerID":"c0ffee01","ifName":"eth0","netNamespace":"/var/run/netns/cni-1234","podNamespace":"demo","podName":"web-0","podUID":"uid-1","defaultIPv4IPPool":[],"defaultIPv6IPPool":[],"cleanGateway":false,"matchMasterSubnet":false,"netName":"macvlan-underlay","cniVersion":"1.1.0"}""",
            request.Body);
    }

    [Fact]
    public async Task Add_passes_default_pools_gateway_subnet_and_probe_switches_from_the_ipam_config()
    {
        var config = harness.Config();
        var ipam = config["ipam"]!.AsObject();
        ipam["default_ipv4_ippool"] = new JsonArray("v4-a", "v4-b");
        ipam["default_ipv6_ippool"] = new JsonArray("v6-a");
        ipam["clean_gateway"] = true;
        ipam["match_master_subnet"] = true;
        ipam["enable_ip_conflict_detection"] = true;
        ipam["enable_gateway_detection"] = false;
        ipam["send_gratuitous_arp"] = true;

        await CniHarness.RunAsync("ADD", config);

        Assert.Equal(
            """{"containerID":"c0ffee01","ifName":"eth0","netNamespace":"/var/run/netns/cni-1234","podNamespace":"demo","podName":"web-0","podUID":"uid-1","defaultIPv4IPPool":["v4-a","v4-b"],"defaultIPv6IPPool":["v6-a"],"cleanGateway":true,"matchMasterSubnet":true,"netName":"macvlan-underlay","cniVersion":"1.1.0","enableIPConflictDetection":true,"enableGatewayDetection":false,"sendGratuitousArp":true}""",
            Assert.Single(harness.NodeHost.Requests).Body);
    }

    [Fact]
    public async Task Add_without_an_address_for_the_interface_fails_with_no_interface_ip_allocation_found()
    {
        var outcome = await CniHarness.RunAsync("ADD", harness.Config(), ifName: "net2");

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"1.1.0","code":100,"msg":"no Interface net2 IP allocation found","details":"NodeHost answered addresses for eth0, net1 only"}""", ""),
            outcome);
    }

    [Fact]
    public async Task Add_when_nodehost_answers_500_with_a_json_string_fails_with_allocation_failed_and_that_message()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, "\"no IPPool available for IPv4: pool v4-a is exhausted\"");

        var outcome = await CniHarness.RunAsync("ADD", harness.Config("0.3.1"));

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"0.3.1","code":100,"msg":"no IPPool available for IPv4: pool v4-a is exhausted","details":"NodeHost answered HTTP 500 to POST /v1/ipam/ip"}""", ""),
            outcome);
    }

    [Fact]
    public async Task Add_when_nodehost_answers_an_agent_error_passes_its_code_through()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, """{"code":101,"msg":"10.6.1.10 is in use by 52:54:00:12:34:56","details":"pool v4-a"}""");

        var outcome = await CniHarness.RunAsync("ADD", harness.Config());

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":101,"msg":"10.6.1.10 is in use by 52:54:00:12:34:56","details":"pool v4-a (NodeHost answered HTTP 500 to POST /v1/ipam/ip)"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Add_when_nodehost_answers_a_status_the_contract_does_not_define_fails_with_daemon_error()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(404, "page not found");

        var outcome = await CniHarness.RunAsync("ADD", harness.Config());

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":109,"msg":"NodeHost answered HTTP 404 to POST /v1/ipam/ip, which the plugin contract does not define; check that NodeHost and the spiderpool plugin are the same version","details":"body: page not found"}""",
            outcome.Stdout);
    }

    public static TheoryData<string, string> MalformedAnswers => new()
    {
        { "{}", "it is not an IpamAddResponse: JSON deserialization for type 'Spiderpool.Cni.Contract.IpamAddResponse' was missing required properties including: 'ips'." },
        { "null", "it is JSON null" },
        { """{"ips":[{"version":4,"address":"fd00::1/64","nic":"eth0"}]}""", "ips[0].address 'fd00::1/64' is not an IPv4 address as ips[0].version says" },
        { """{"ips":[{"version":5,"address":"10.0.0.1/24","nic":"eth0"}]}""", "ips[0].version 5 is not 4 or 6" },
        { """{"ips":[{"version":4,"address":"10.0.0.1","nic":"eth0"}]}""", "ips[0].address '10.0.0.1' is not an address with a prefix length" },
        { """{"ips":[{"version":4,"address":"10.0.0.1/24","nic":"eth0","gateway":"fd00::1"}]}""", "ips[0].gateway 'fd00::1' is not an IPv4 address" },
        { """{"ips":[{"version":4,"address":"10.0.0.1/24","nic":"eth0"}],"routes":[{"ifName":"eth0","dst":"default","gw":""}]}""", "routes[0].dst 'default' is not a CIDR" },
    };

    [Theory]
    [MemberData(nameof(MalformedAnswers))]
    public async Task Add_when_nodehost_answers_a_body_that_breaks_the_contract_fails_with_invalid_daemon_response(string body, string why)
    {
        harness.NodeHost.Respond = _ => new FakeResponse(200, body);

        var outcome = await CniHarness.RunAsync("ADD", harness.Config());

        Assert.Equal(
            $$"""{"cniVersion":"1.1.0","code":108,"msg":"NodeHost's answer to POST /v1/ipam/ip breaks the plugin contract: {{why}}","details":"check that NodeHost and the spiderpool plugin are the same version"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Add_when_the_socket_file_is_missing_fails_with_try_again_later_naming_the_socket()
    {
        var config = harness.Config();
        var missing = Path.Combine(harness.Directory, "missing.sock");
        config["ipam"]!["ipam_unix_socket_path"] = missing;

        var outcome = await CniHarness.RunAsync("ADD", config);

        Assert.Equal(
            new PluginOutcome(1, $$"""{"cniVersion":"1.1.0","code":11,"msg":"cannot reach NodeHost at {{missing}}: NodeHost is not running or not ready; try again later","details":"POST /v1/ipam/ip: the socket file does not exist"}""", ""),
            outcome);
    }

    [Fact]
    public async Task Add_when_nothing_listens_on_the_socket_fails_with_try_again_later()
    {
        var config = harness.Config();
        var dead = Path.Combine(harness.Directory, "dead.sock");
        // Bound but never listening: the file exists and connect is refused (disposing would remove the file).
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(dead));
        config["ipam"]!["ipam_unix_socket_path"] = dead;

        var outcome = await CniHarness.RunAsync("ADD", config);

        Assert.Equal(
            $$"""{"cniVersion":"1.1.0","code":11,"msg":"cannot reach NodeHost at {{dead}}: NodeHost is not running or not ready; try again later","details":"POST /v1/ipam/ip: Connection refused"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Add_when_nodehosts_backlog_stays_full_fails_after_the_connect_timeout_with_try_again_later()
    {
        var config = harness.Config();
        var busy = Path.Combine(harness.Directory, "busy.sock");
        // A backlog of 0 holds one connection that nobody accepts; the plugin's connect then waits for room.
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(busy));
        listener.Listen(0);
        using var first = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        first.Connect(new UnixDomainSocketEndPoint(busy));
        config["ipam"]!["ipam_unix_socket_path"] = busy;

        var outcome = await CniHarness.RunAsync(CniHarness.Env("ADD"), config.ToJsonString(),
            CniHarness.FastOptions with { ConnectTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(
            $$"""{"cniVersion":"1.1.0","code":11,"msg":"NodeHost at {{busy}} did not answer POST /v1/ipam/ip in time; try again later","details":"connecting took longer than the connect timeout of 0.3 s"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Add_when_nodehost_does_not_answer_in_time_fails_with_try_again_later()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(200, TwoInterfaceAnswer, TimeSpan.FromSeconds(5));

        var outcome = await CniHarness.RunAsync(CniHarness.Env("ADD"), harness.Config().ToJsonString(), CniHarness.ImpatientOptions);

        Assert.Equal(
            $$"""{"cniVersion":"1.1.0","code":11,"msg":"NodeHost at {{harness.SocketPath}} did not answer POST /v1/ipam/ip in time; try again later","details":"no answer within the request timeout of 0.5 s"}""",
            outcome.Stdout);
    }

    [Theory]
    [InlineData("IgnoreUnknown=1;K8S_POD_NAMESPACE=demo", "demo", "")]
    [InlineData("IgnoreUnknown=1;K8S_POD_NAME=web-0", "", "web-0")]
    [InlineData("", "", "")]
    public async Task Add_without_the_pods_namespace_and_name_asks_nodehost_with_what_it_has_so_podman_and_ctr_work(string args, string ns, string name)
    {
        var outcome = await CniHarness.RunAsync("ADD", harness.Config(), args: args);

        Assert.Equal(0, outcome.ExitCode);
        var body = Assert.Single(harness.NodeHost.Requests).Body;
        Assert.Contains($"\"podNamespace\":\"{ns}\",\"podName\":\"{name}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"containerID\":\"{CniHarness.ContainerId}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_sends_the_static_addresses_of_cni_args_ip_and_runtime_config_ips()
    {
        var config = harness.Config();
        config["runtimeConfig"] = JsonNode.Parse("""{"ips":["fd00:6::20/64"]}""");

        var outcome = await CniHarness.RunAsync("ADD", config, args: "IgnoreUnknown=1;K8S_POD_NAME=web;IP=10.6.0.20");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("\"ips\":[\"10.6.0.20\",\"fd00:6::20/64\"]", Assert.Single(harness.NodeHost.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_with_a_static_address_that_is_not_an_address_fails_naming_it_and_asks_nothing()
    {
        var badArgs = await CniHarness.RunAsync("ADD", harness.Config(), args: "IgnoreUnknown=1;IP=10.6.0");
        var config = harness.Config();
        config["runtimeConfig"] = JsonNode.Parse("""{"ips":["ten"]}""");
        var badRuntime = await CniHarness.RunAsync("ADD", config);

        Assert.Equal(
            new PluginOutcome(1, """{"cniVersion":"1.1.0","code":4,"msg":"CNI_ARGS IP '10.6.0' is not an IP address (IP=10.6.0.20 or IP=10.6.0.20,fd00:6::20)"}""", ""),
            badArgs);
        Assert.Equal(1, badRuntime.ExitCode);
        Assert.Contains("runtimeConfig.ips[0] must be an IP address such as", badRuntime.Stdout, StringComparison.Ordinal);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Fact]
    public async Task Add_with_an_empty_pod_uid_sends_an_empty_uid()
    {
        await CniHarness.RunAsync("ADD", harness.Config(), args: "K8S_POD_NAMESPACE=demo;K8S_POD_NAME=web-0");

        Assert.Contains("\"podUID\":\"\"", Assert.Single(harness.NodeHost.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_in_a_chain_ignores_the_prev_result_and_returns_its_own_result()
    {
        var config = harness.Config("1.0.0");
        config["prevResult"] = JsonNode.Parse("""{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","sandbox":"/var/run/netns/x"}],"ips":[{"address":"192.0.2.9/24","interface":0}]}""");

        var outcome = await CniHarness.RunAsync("ADD", config);

        Assert.StartsWith("""{"cniVersion":"1.0.0","ips":[{"address":"10.6.1.10/16","gateway":"10.6.0.1"}""", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_without_routes_or_dns_prints_an_empty_dns_object_and_no_routes()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(200, """{"ips":[{"version":4,"address":"10.6.1.10/16","nic":"eth0"}]}""");

        var outcome = await CniHarness.RunAsync("ADD", harness.Config("0.4.0"));

        Assert.Equal("""{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.6.1.10/16"}],"dns":{}}""", outcome.Stdout);
    }
}
