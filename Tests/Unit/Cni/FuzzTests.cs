using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Spiderpool.Cni.Plugin;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

/// <summary>
/// Random and mutated input never crashes the plugin: the config parser and the dispatcher only ever answer with
/// a config (or a CNI error 1/6/7), the answer parsers only with a result (or a CNI error 100/108). Each property
/// runs for a bounded time and must finish well within a deadline (no hang).
/// </summary>
public sealed class FuzzTests
{
    private const int Seconds = 2;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly string[] Keys =
    [
        "cniVersion", "name", "type", "ipam", "prevResult", "runtimeConfig", "args", "cni.dev/valid-attachments",
        "log_level", "log_file_path", "log_file_max_size", "log_file_max_count", "default_ipv4_ippool", "default_ipv6_ippool",
        "clean_gateway", "match_master_subnet", "ipam_unix_socket_path", "enable_ip_conflict_detection",
        "enable_gateway_detection", "send_gratuitous_arp", "ips", "interfaces", "routes", "dns", "address", "gateway",
        "interface", "version", "containerID", "ifname", "nic", "ifName", "dst", "gw", "nameservers", "search", "options", "domain",
    ];

    private static readonly string[] Words =
    [
        "1.1.0", "1.0.0", "0.4.0", "0.3.1", "0.3.0", "0.2.0", "net1", "spiderpool", "DEBUG", "LOUD", "eth0", "net1", "",
        "10.6.1.10/16", "fd00:6::a/64", "10.6.0.1", "fd00::1", "10.0.0", "::ffff:1.2.3.4/120", "0.0.0.0/0", "10.1/8", "1.2.3.4/33",
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(Words)),
        (1, Gen.Char["abc0123456789./:-_ é\u0000\"\\"].Array[0, 12].Select(chars => new string(chars))));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency<JsonNode?>(
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int[-3, 300].Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Double[-1e12, 1e12].Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)));

    private static readonly Gen<string> JsonTrees = Gen.Frequency(
        (4, ObjectOf(4)),
        (1, Node(4))).Select(node => node?.ToJsonString() ?? "null");

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 300];

    private static Gen<JsonNode?> Node(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency((4, Leaf), (2, ObjectOf(depth)), (1, ArrayOf(depth)));

    private static Gen<JsonNode?> ObjectOf(int depth) =>
        Gen.Select(Gen.Frequency((5, Gen.OneOf(Keys)), (1, Text)), Node(depth - 1)).Array[0, 7].Select(pairs =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in pairs)
                obj[key] = value;
            return (JsonNode?)obj;
        });

    private static Gen<JsonNode?> ArrayOf(int depth) =>
        Node(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items));

    /// <summary>A valid input with a few bytes replaced, inserted or removed.</summary>
    private static Gen<byte[]> Mutations(string valid) =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 4].Select(edits =>
        {
            var bytes = Encoding.UTF8.GetBytes(valid).ToList();
            foreach (var (kind, at, value) in edits)
            {
                var index = Math.Min(at, bytes.Count - 1);
                if (bytes.Count == 0)
                    break;
                if (kind == 0)
                    bytes[index] = value;
                else if (kind == 1)
                    bytes.Insert(index, value);
                else
                    bytes.RemoveAt(index);
            }

            return bytes.ToArray();
        });

    private const string ValidConfig = """
        {"cniVersion":"1.1.0","name":"net1","type":"macvlan","ipam":{"type":"spiderpool","log_level":"DEBUG","log_file_max_size":10,
         "default_ipv4_ippool":["a"],"clean_gateway":true,"enable_gateway_detection":false},
         "prevResult":{"interfaces":[{"name":"eth0"}],"ips":[{"address":"10.6.1.10/16","gateway":"10.6.0.1","interface":0}]},
         "cni.dev/valid-attachments":[{"containerID":"c1","ifname":"eth0"}]}
        """;

    private static void ParsesOrRejectsWithCode167(byte[] input)
    {
        foreach (var command in new[] { CniCommand.Add, CniCommand.Del, CniCommand.Check, CniCommand.Gc })
        {
            try
            {
                NetworkConfigParser.Parse(input, command);
            }
            catch (CniException e) when (e.Code is 1 or 6 or 7)
            {
            }
        }

        NetworkConfigParser.PeekVersion(input);
    }

    private static void AssemblesOrRejectsWithCode100Or108(byte[] body)
    {
        try
        {
            var result = AddResultAssembler.Assemble(body, "eth0");
            Assert.NotEmpty(result.Ips);
        }
        catch (CniException e) when (e.Code is 100 or 108)
        {
        }

        foreach (var status in new[] { 500, 404 })
            Assert.IsType<CniException>(AgentErrors.From(new AgentAnswer(status, body), "POST /v1/ipam/ip", Spiderpool.Cni.Contract.CniErrorCode.AllocationFailed));
    }

    private static Task Bounded(Action property) => Task.Run(property).WaitAsync(Deadline);

    [Fact]
    public Task The_config_parser_rejects_random_bytes_only_with_codes_1_6_7() =>
        Bounded(() => RandomBytes.Sample(ParsesOrRejectsWithCode167, time: Seconds, threads: 1));

    [Fact]
    public Task The_config_parser_rejects_random_json_trees_only_with_codes_1_6_7() =>
        Bounded(() => JsonTrees.Sample(json => ParsesOrRejectsWithCode167(Encoding.UTF8.GetBytes(json)), time: Seconds, threads: 1));

    [Fact]
    public Task The_config_parser_rejects_mutated_configs_only_with_codes_1_6_7() =>
        Bounded(() => Mutations(ValidConfig).Sample(ParsesOrRejectsWithCode167, time: Seconds, threads: 1));

    [Fact]
    public Task The_dispatcher_answers_random_stdin_with_one_cni_error_object() =>
        Bounded(() => RandomBytes.Sample(input =>
        {
            using var stdout = new MemoryStream();
            using var stderr = new MemoryStream();
            var exitCode = CniDispatcher.Run(CniHarness.Env("ADD"), new MemoryStream(input), stdout, stderr, CniHarness.FastOptions);

            var error = JsonNode.Parse(stdout.ToArray())!.AsObject();
            Assert.Equal(1, exitCode);
            Assert.Contains((int)error["code"]!, new[] { 1, 6, 7 });
            Assert.NotEmpty((string)error["msg"]!);
            Assert.Equal(0, stderr.Length);
        }, time: Seconds, threads: 1));

    [Fact]
    public Task The_add_answer_parser_rejects_random_bytes_only_with_codes_100_108() =>
        Bounded(() => RandomBytes.Sample(AssemblesOrRejectsWithCode100Or108, time: Seconds, threads: 1));

    [Fact]
    public Task The_add_answer_parser_rejects_random_json_trees_only_with_codes_100_108() =>
        Bounded(() => JsonTrees.Sample(json => AssemblesOrRejectsWithCode100Or108(Encoding.UTF8.GetBytes(json)), time: Seconds, threads: 1));

    [Fact]
    public Task The_add_answer_parser_rejects_mutated_answers_only_with_codes_100_108() =>
        Bounded(() => Mutations(AddTests.TwoInterfaceAnswer).Sample(AssemblesOrRejectsWithCode100Or108, time: Seconds, threads: 1));
}
