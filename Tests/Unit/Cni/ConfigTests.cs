using System.Text.Json.Nodes;
using Spiderpool.Cni.Contract;
using Spiderpool.Cni.Plugin;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class ConfigTests : IAsyncLifetime
{
    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string, string, string?, int, string> InvalidFields => new()
    {
        // where ("" = top level), key, JSON value (null = removed), code, message
        { "", "cniVersion", null, 1, "cniVersion is missing; this plugin supports 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0" },
        { "", "cniVersion", "\"0.2.0\"", 1, "cniVersion '0.2.0' is not supported; this plugin supports 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0" },
        { "", "cniVersion", "\"1.1\"", 1, "cniVersion '1.1' is not supported; this plugin supports 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0" },
        { "", "cniVersion", "1.1", 7, "cniVersion must be a string, not 1.1" },
        { "", "name", null, 7, "name is missing: the network config must have a name" },
        { "", "name", "\"\"", 7, "name is missing: the network config must have a name" },
        { "", "name", "\"my net\"", 7, "name 'my net' is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'" },
        { "", "name", "[\"a\"]", 7, "name must be a string, not [\"a\"]" },
        { "", "type", "7", 7, "type must be a string, not 7" },
        { "", "ipam", "\"spiderpool\"", 7, "ipam must be an object, not \"spiderpool\"" },
        { "", "prevResult", "[]", 7, "prevResult must be an object (a CNI result), not []" },
        { "", "prevResult", """{"ips":[{"address":"10.0.0.1"}]}""", 7, "prevResult.ips[0].address '10.0.0.1' is not an address with a prefix length; expected e.g. 10.6.0.10/16" },
        { "", "prevResult", """{"ips":[{"gateway":"10.0.0.1"}]}""", 7, "prevResult.ips[0].address is missing; expected e.g. 10.6.0.10/16" },
        { "", "prevResult", """{"ips":[{"address":"10.0.0.2/24","gateway":"10.0.0"}]}""", 7, "prevResult.ips[0].gateway '10.0.0' is not an IP address" },
        { "", "prevResult", """{"ips":[{"address":"10.0.0.2/24","interface":1}]}""", 7, "prevResult.ips[0].interface 1 is out of range: prevResult.interfaces has 0 entries" },
        { "", "prevResult", """{"ips":[{"address":"10.0.0.2/24","interface":-1}]}""", 7, "prevResult.ips[0].interface must be a non-negative integer, not -1" },
        { "", "prevResult", """{"interfaces":{}}""", 7, "prevResult.interfaces must be an array, not {}" },
        { "ipam", "type", "true", 7, "ipam.type must be a string, not true" },
        { "ipam", "log_level", "\"LOUD\"", 7, "ipam.log_level 'LOUD' is not one of DEBUG, INFO, WARN, ERROR" },
        { "ipam", "log_level", "3", 7, "ipam.log_level must be a string, not 3" },
        { "ipam", "log_file_path", "\"spiderpool.log\"", 7, "ipam.log_file_path 'spiderpool.log' must be an absolute path" },
        { "ipam", "log_file_path", "{}", 7, "ipam.log_file_path must be a string, not {}" },
        { "ipam", "log_file_max_size", "-1", 7, "ipam.log_file_max_size must be a whole number of megabytes (0 for the default), not -1" },
        { "ipam", "log_file_max_size", "1.5", 7, "ipam.log_file_max_size must be a whole number of megabytes (0 for the default), not 1.5" },
        { "ipam", "log_file_max_size", "\"100\"", 7, "ipam.log_file_max_size must be a whole number of megabytes (0 for the default), not \"100\"" },
        { "ipam", "log_file_max_count", "99999999999", 7, "ipam.log_file_max_count must be a whole number of files (0 for the default), not 99999999999" },
        { "ipam", "default_ipv4_ippool", "\"v4-a\"", 7, "ipam.default_ipv4_ippool must be an array of pool names, not \"v4-a\"" },
        { "ipam", "default_ipv4_ippool", "[\"v4-a\",5]", 7, "ipam.default_ipv4_ippool[1] must be a string, not 5" },
        { "ipam", "default_ipv6_ippool", "[\"\"]", 7, "ipam.default_ipv6_ippool[0] is empty: pool names must not be empty" },
        { "ipam", "clean_gateway", "\"yes\"", 7, "ipam.clean_gateway must be true or false, not \"yes\"" },
        { "ipam", "match_master_subnet", "1", 7, "ipam.match_master_subnet must be true or false, not 1" },
        { "ipam", "enable_ip_conflict_detection", "\"true\"", 7, "ipam.enable_ip_conflict_detection must be true or false, not \"true\"" },
        { "ipam", "enable_gateway_detection", "[]", 7, "ipam.enable_gateway_detection must be true or false, not []" },
        { "ipam", "send_gratuitous_arp", "0", 7, "ipam.send_gratuitous_arp must be true or false, not 0" },
        { "ipam", "ipam_unix_socket_path", "\"run/spiderpool.sock\"", 7, "ipam.ipam_unix_socket_path 'run/spiderpool.sock' must be an absolute path" },
        { "ipam", "ipam_unix_socket_path", "false", 7, "ipam.ipam_unix_socket_path must be a string, not false" },
        { "ipam", "ipam_unix_socket_path", $"\"/{new string('s', 107)}\"", 7, $"ipam.ipam_unix_socket_path '/{new string('s', 107)}' is longer than the 107 bytes a unix socket path may have" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_fails_with_its_code_and_a_message_naming_field_and_value_and_asks_nothing(
        string where, string key, string? json, int code, string message)
    {
        var config = harness.Config();
        var target = where.Length == 0 ? config : config[where]!.AsObject();
        if (json is null)
            target.Remove(key);
        else
            target[key] = JsonNode.Parse(json);

        var outcome = await CniHarness.RunAsync("ADD", config);

        Assert.Equal(code, (int)JsonNode.Parse(outcome.Stdout)!["code"]!);
        Assert.Equal(message, (string?)JsonNode.Parse(outcome.Stdout)!["msg"]);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Theory]
    [InlineData("", "stdin is empty: the runtime must pass the network config as JSON on stdin")]
    [InlineData(" \n", "stdin is empty: the runtime must pass the network config as JSON on stdin")]
    [InlineData("[1,2]", "the network config on stdin must be a JSON object, not an array")]
    [InlineData("null", "the network config on stdin must be a JSON object, not null")]
    [InlineData("{\"cniVersion\":", "the network config on stdin is not valid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. LineNumber: 0 | BytePositionInLine: 14.")]
    public async Task Stdin_that_is_not_a_json_object_fails_with_code_6(string stdin, string message)
    {
        var outcome = await CniHarness.RunAsync(CniHarness.Env("ADD"), stdin);

        Assert.Equal(new PluginOutcome(1, $$"""{"cniVersion":"1.1.0","code":6,"msg":"{{message}}"}""", ""), outcome);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Fact]
    public void Stdin_that_cannot_be_read_fails_with_code_5()
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var exitCode = CniDispatcher.Run(CniHarness.Env("ADD"), new BrokenStream(), stdout, stderr, CniHarness.FastOptions);

        Assert.Equal(
            (1, """{"cniVersion":"1.1.0","code":5,"msg":"cannot read the network config from stdin: the pipe broke"}"""),
            (exitCode, System.Text.Encoding.UTF8.GetString(stdout.ToArray())));
    }

    [Fact]
    public void Parse_applies_spiderpools_defaults_to_a_config_without_ipam_fields()
    {
        var config = NetworkConfigParser.Parse("""{"cniVersion":"0.3.1","name":"net1","type":"macvlan","ipam":{"type":"spiderpool"}}"""u8.ToArray(), CniCommand.Add);

        var ipam = config.Ipam;
        Assert.Equal(
            ("spiderpool", PluginLogLevel.Info, "/var/log/spidernet/spiderpool.log", 100, 7, 0, 0, false, false, AgentApi.DefaultSocketPath, (bool?)null, (bool?)null, (bool?)null),
            (ipam.Type, ipam.LogLevel, ipam.LogFilePath, ipam.LogFileMaxSizeMb, ipam.LogFileMaxCount, ipam.DefaultIPv4Pools.Count, ipam.DefaultIPv6Pools.Count,
             ipam.CleanGateway, ipam.MatchMasterSubnet, ipam.SocketPath, ipam.EnableIPConflictDetection, ipam.EnableGatewayDetection, ipam.SendGratuitousArp));
        Assert.Equal(("0.3.1", "net1", "macvlan"), (config.CniVersion, config.Name, config.Type));
    }
    [Fact]
    public void Parse_reads_every_ipam_field_and_ignores_unknown_fields_runtime_config_and_args()
    {
        var config = NetworkConfigParser.Parse("""
            {"cniVersion":"1.0.0","name":"net1","type":"ipvlan","unknown":{"deep":[1,2]},
             "runtimeConfig":{"ips":["10.0.0.1/24"]},"args":{"cni":{"ips":["x"]}},
             "ipam":{"type":"spiderpool","log_level":"warn","log_file_path":"/tmp/x/s.log","log_file_max_size":5,"log_file_max_count":2,
                     "default_ipv4_ippool":["a","b"],"default_ipv6_ippool":["c"],"clean_gateway":true,"match_master_subnet":true,
                     "ipam_unix_socket_path":"/run/nh.sock","enable_ip_conflict_detection":false,"enable_gateway_detection":true,
                     "send_gratuitous_arp":null,"log_file_max_age":30,"surprise":"ignored"}}
            """u8.ToArray(), CniCommand.Add);

        var ipam = config.Ipam;
        Assert.Equal(
            (PluginLogLevel.Warn, "/tmp/x/s.log", 5, 2, "a,b", "c", true, true, "/run/nh.sock", (bool?)false, (bool?)true, (bool?)null),
            (ipam.LogLevel, ipam.LogFilePath, ipam.LogFileMaxSizeMb, ipam.LogFileMaxCount, string.Join(',', ipam.DefaultIPv4Pools), string.Join(',', ipam.DefaultIPv6Pools),
             ipam.CleanGateway, ipam.MatchMasterSubnet, ipam.SocketPath, ipam.EnableIPConflictDetection, ipam.EnableGatewayDetection, ipam.SendGratuitousArp));
    }

    [Fact]
    public void Parse_reads_a_chained_prev_result()
    {
        var config = NetworkConfigParser.Parse("""
            {"cniVersion":"1.1.0","name":"net1",
             "prevResult":{"interfaces":[{"name":"host-veth"},{"name":"eth0","sandbox":"/x"}],
                           "ips":[{"address":"10.0.0.2/24","gateway":"10.0.0.1","interface":1},{"address":"fd00::2/64","interface":1},{"address":"192.0.2.1/32","interface":0}]}}
            """u8.ToArray(), CniCommand.Check);

        Assert.Equal("10.0.0.2/24 fd00::2/64", string.Join(' ', config.PrevResult!.IpsOf("eth0")));
        Assert.Equal("192.0.2.1/32", string.Join(' ', config.PrevResult.IpsOf("host-veth")));
    }

    [Fact]
    public void Zero_log_sizes_mean_the_defaults()
    {
        var config = NetworkConfigParser.Parse("""{"cniVersion":"1.1.0","name":"n","ipam":{"log_file_max_size":0,"log_file_max_count":0,"log_level":"","log_file_path":""}}"""u8.ToArray(), CniCommand.Del);

        Assert.Equal((100, 7, PluginLogLevel.Info, IpamConfig.DefaultLogFilePath),
            (config.Ipam.LogFileMaxSizeMb, config.Ipam.LogFileMaxCount, config.Ipam.LogLevel, config.Ipam.LogFilePath));
    }

    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("the pipe broke");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
