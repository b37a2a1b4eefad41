using System.Text.Json;
using Spiderpool.Cni.Contract;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class ContractTests
{
    [Fact]
    public void Ipam_add_args_use_spiderpools_property_names_and_leave_unset_options_out()
    {
        var args = new IpamAddArgs
        {
            ContainerId = "c1",
            IfName = "eth0",
            NetNamespace = "/proc/1/ns/net",
            PodNamespace = "demo",
            PodName = "web-0",
            PodUid = "uid-1",
            DefaultIPv4Pools = ["v4"],
            CleanGateway = true,
        };

        Assert.Equal(
            """{"containerID":"c1","ifName":"eth0","netNamespace":"/proc/1/ns/net","podNamespace":"demo","podName":"web-0","podUID":"uid-1","defaultIPv4IPPool":["v4"],"cleanGateway":true,"matchMasterSubnet":false}""",
            JsonSerializer.Serialize(args, CniContractJsonContext.Default.IpamAddArgs));
    }

    [Fact]
    public void Interface_detail_leaves_out_mac_when_unset_and_vlan_when_zero()
    {
        var detail = new InterfaceDetail { Interface = "eth0", IPv4 = "10.0.0.2/24", IPv4Pool = "p" };

        Assert.Equal(
            """{"interface":"eth0","ipv4":"10.0.0.2/24","ipv4Pool":"p"}""",
            JsonSerializer.Serialize(detail, CniContractJsonContext.Default.InterfaceDetail));
        Assert.Equal(
            """{"interface":"eth0","mac":"52:54:00:00:00:01","vlan":20}""",
            JsonSerializer.Serialize(detail with { IPv4 = null, IPv4Pool = null, Mac = "52:54:00:00:00:01", Vlan = 20 }, CniContractJsonContext.Default.InterfaceDetail));
    }

    [Fact]
    public void Workload_endpoint_status_round_trips_with_its_json_names()
    {
        const string json = """{"podNamespace":"demo","podName":"web-0","podUID":"u","node":"n1","interfaces":[{"interface":"eth0","ipv6":"fd00::2/64","ipv6Pool":"p6","ipv6Gateway":"fd00::1","routes":[{"dst":"10.96.0.0/12","gw":"10.0.0.1"}]}]}""";

        var status = JsonSerializer.Deserialize(json, CniContractJsonContext.Default.WorkloadEndpointStatus)!;

        Assert.Equal(json, JsonSerializer.Serialize(status, CniContractJsonContext.Default.WorkloadEndpointStatus));
    }

    [Theory]
    [InlineData("""{"routes":[]}""")]
    [InlineData("""{"ips":null}""")]
    [InlineData("""{"ips":[{"version":4,"nic":"eth0"}]}""")]
    public void An_add_response_without_a_required_value_is_rejected(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, CniContractJsonContext.Default.IpamAddResponse));

    [Fact]
    public void Gc_args_and_agent_errors_use_their_json_names()
    {
        var gc = new IpamGcArgs { NetName = "net1", ValidAttachments = [new GcAttachment { ContainerId = "c1", IfName = "eth0" }] };
        var error = new AgentError { Code = (int)CniErrorCode.IpConflict, Msg = "in use" };

        Assert.Equal(
            ("""{"netName":"net1","validAttachments":[{"containerID":"c1","ifName":"eth0"}]}""", """{"code":101,"msg":"in use"}"""),
            (JsonSerializer.Serialize(gc, CniContractJsonContext.Default.IpamGcArgs), JsonSerializer.Serialize(error, CniContractJsonContext.Default.AgentError)));
    }

    [Fact]
    public void The_workload_endpoint_query_escapes_namespace_and_name() =>
        Assert.Equal("/v1/workloadendpoint?podNamespace=a%26b&podName=c%3Dd", AgentApi.WorkloadEndpointPathAndQuery("a&b", "c=d"));

    [Fact]
    public void Our_error_codes_start_at_100_and_keep_their_documented_values() =>
        Assert.Equal(
            "IncompatibleCniVersion=1 UnsupportedField=2 UnknownContainer=3 InvalidEnvironmentVariables=4 IoFailure=5 DecodingFailure=6 InvalidNetworkConfig=7 TryAgainLater=11 PluginNotAvailable=50 PluginNotAvailableLimitedConnectivity=51 " +
            "AllocationFailed=100 IpConflict=101 GatewayUnreachable=102 InvalidRequest=103 ReleaseFailed=104 ReleaseForbidden=105 NotAllocated=106 CheckMismatch=107 InvalidDaemonResponse=108 DaemonError=109 PermissionDenied=110 Internal=999",
            string.Join(' ', Enum.GetValues<CniErrorCode>().Select(code => $"{code}={(int)code}")));
}
