using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class EnvironmentTests : IAsyncLifetime
{
    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string, string?, string?, string> Invalid => new()
    {
        // command, variable, value (null = unset), message
        { "ADD", "CNI_CONTAINERID", null, "required environment variable CNI_CONTAINERID is missing for CNI_COMMAND ADD" },
        { "ADD", "CNI_NETNS", null, "required environment variable CNI_NETNS is missing for CNI_COMMAND ADD" },
        { "ADD", "CNI_IFNAME", null, "required environment variable CNI_IFNAME is missing for CNI_COMMAND ADD" },
        { "CHECK", "CNI_NETNS", "", "required environment variable CNI_NETNS is missing for CNI_COMMAND CHECK" },
        { "DEL", "CNI_CONTAINERID", null, "required environment variable CNI_CONTAINERID is missing for CNI_COMMAND DEL" },
        { "DEL", "CNI_IFNAME", null, "required environment variable CNI_IFNAME is missing for CNI_COMMAND DEL" },
        { "ADD", "CNI_CONTAINERID", "-abc", "CNI_CONTAINERID '-abc' is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'" },
        { "DEL", "CNI_CONTAINERID", "abc/def", "CNI_CONTAINERID 'abc/def' is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'" },
        { "ADD", "CNI_IFNAME", "eth0123456789012", "CNI_IFNAME 'eth0123456789012' is invalid: it is longer than 15 characters" },
        { "ADD", "CNI_IFNAME", "..", "CNI_IFNAME '..' is invalid: '.' and '..' are not interface names" },
        { "ADD", "CNI_IFNAME", "eth/0", "CNI_IFNAME 'eth/0' is invalid: it must not contain '/', ':' or whitespace" },
        { "CHECK", "CNI_IFNAME", "eth 0", "CNI_IFNAME 'eth 0' is invalid: it must not contain '/', ':' or whitespace" },
        { "DEL", "CNI_IFNAME", "eth0:1", "CNI_IFNAME 'eth0:1' is invalid: it must not contain '/', ':' or whitespace" },
        { "ADD", "CNI_ARGS", "K8S_POD_NAME", "CNI_ARGS 'K8S_POD_NAME' is not a KEY=VALUE pair (pairs are separated by ';')" },
        { "DEL", "CNI_ARGS", "K8S_POD_NAME=a;FOO=bar", "CNI_ARGS has key 'FOO', which this plugin does not know; add IgnoreUnknown=1 to CNI_ARGS to let it skip unknown keys" },
        { "ADD", "CNI_COMMAND", "ADDD", "CNI_COMMAND 'ADDD' is not one of ADD, DEL, CHECK, STATUS, GC, VERSION" },
        { "ADD", "CNI_COMMAND", "add", "CNI_COMMAND 'add' is not one of ADD, DEL, CHECK, STATUS, GC, VERSION" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task A_missing_or_invalid_variable_fails_with_code_4_naming_it_and_asks_nothing(string command, string? variable, string? value, string message)
    {
        var env = CniHarness.Env(command);
        if (value is null)
            env.Remove(variable!);
        else
            env[variable!] = value;

        var outcome = await CniHarness.RunAsync(env, harness.Config().ToJsonString());

        Assert.Equal(new PluginOutcome(1, $$"""{"cniVersion":"1.1.0","code":4,"msg":"{{message}}"}""", ""), outcome);
        Assert.Empty(harness.NodeHost.Requests);
    }

    [Fact]
    public async Task Several_missing_variables_are_all_named()
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "ADD" }, harness.Config("0.4.0").ToJsonString());

        Assert.Equal(
            """{"cniVersion":"0.4.0","code":4,"msg":"required environment variables CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME are missing for CNI_COMMAND ADD"}""",
            outcome.Stdout);
    }

    [Fact]
    public async Task Without_cni_command_the_plugin_says_what_it_is_on_stderr_and_fails_with_code_4()
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string>(), "");

        Assert.Equal(
            new PluginOutcome(1,
                """{"cniVersion":"1.1.0","code":4,"msg":"required environment variable CNI_COMMAND is missing; set it to ADD, DEL, CHECK, STATUS, GC or VERSION"}""",
                "spiderpool: the IPAM plugin of Spiderpool on Orleans; it asks NodeHost over a unix socket for addresses\nCNI protocol versions supported: 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0\n"),
            outcome);
    }

    [Fact]
    public async Task Status_needs_no_container_variables()
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS" }, harness.Config().ToJsonString());

        Assert.Equal(new PluginOutcome(0, "", ""), outcome);
    }
}
