using System.Text.Json.Nodes;
using Spiderpool.Cni.Plugin;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class LoggingTests : IAsyncLifetime
{
    private CniHarness harness = null!;

    public Task InitializeAsync()
    {
        harness = CniHarness.Create();
        harness.NodeHost.Respond = _ => new FakeResponse(200, AddTests.TwoInterfaceAnswer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Logs_go_to_the_configured_file_with_the_invocation_context_and_never_to_stdout()
    {
        var outcome = await CniHarness.RunAsync("ADD", harness.Config());

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Stderr));
        Assert.StartsWith("{\"cniVersion\":\"1.1.0\",\"ips\"", outcome.Stdout, StringComparison.Ordinal);
        var lines = harness.ReadLog().TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Contains(" ADD containerID=c0ffee01 ifName=eth0 pod=demo/web-0 uid=uid-1: ", line, StringComparison.Ordinal));
        Assert.Contains("DEBUG", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  ADD .*: allocated 10\.6\.1\.10/16, fd00:6::a/64 in \d+ ms$", lines[2]);
    }

    [Fact]
    public async Task Logs_fall_back_to_stderr_when_the_file_cannot_be_written_and_stdout_keeps_only_the_result()
    {
        var blocker = Path.Combine(harness.Directory, "a-file");
        await File.WriteAllTextAsync(blocker, "");
        var config = harness.Config();
        config["ipam"]!["log_file_path"] = Path.Combine(blocker, "spiderpool.log"); // a directory under a regular file

        var outcome = await CniHarness.RunAsync("ADD", config);

        Assert.Equal(0, outcome.ExitCode);
        Assert.NotNull(JsonNode.Parse(outcome.Stdout)!["ips"]);
        Assert.Contains($"WARN  ADD containerID=c0ffee01 ifName=eth0 pod=demo/web-0 uid=uid-1: cannot write the log file {blocker}/spiderpool.log", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("logging to stderr instead", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("allocated 10.6.1.10/16, fd00:6::a/64", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_logged_as_well_as_returned()
    {
        harness.NodeHost.Respond = _ => new FakeResponse(500, "\"pool v4-a is exhausted\"");

        await CniHarness.RunAsync("ADD", harness.Config());

        Assert.Contains("ERROR ADD containerID=c0ffee01 ifName=eth0 pod=demo/web-0 uid=uid-1: code 100: pool v4-a is exhausted (NodeHost answered HTTP 500 to POST /v1/ipam/ip)", harness.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_below_the_log_level_are_not_written()
    {
        var config = harness.Config();
        config["ipam"]!["log_level"] = "ERROR";

        await CniHarness.RunAsync("ADD", config);

        Assert.Equal("", harness.ReadLog());
    }

    [Fact]
    public async Task A_full_log_file_is_rotated_and_the_oldest_rotation_dropped()
    {
        var config = harness.Config();
        config["ipam"]!["log_file_max_size"] = 1;
        config["ipam"]!["log_file_max_count"] = 2;
        Directory.CreateDirectory(Path.GetDirectoryName(harness.LogPath)!);
        await File.WriteAllTextAsync(harness.LogPath + ".1", "previous\n");
        await File.WriteAllTextAsync(harness.LogPath + ".2", "oldest\n");
        await using (var full = File.Create(harness.LogPath))
            full.SetLength(1024 * 1024);

        await CniHarness.RunAsync("ADD", config);

        Assert.Equal(
            (1024 * 1024L, "previous\n", true),
            (new FileInfo(harness.LogPath + ".1").Length, await File.ReadAllTextAsync(harness.LogPath + ".2"), harness.ReadLog().Contains("allocated", StringComparison.Ordinal)));
        Assert.False(File.Exists(harness.LogPath + ".3"));
    }

    [Fact]
    public void Two_writers_of_one_log_file_append_and_never_overwrite_each_other()
    {
        var path = Path.Combine(harness.Directory, "shared.log");
        using (var first = AppendOnlyFile.Open(path))
        using (var second = AppendOnlyFile.Open(path))
        {
            first.Append("one\n"u8.ToArray());
            second.Append("two\n"u8.ToArray());
            first.Append("three\n"u8.ToArray());
        }

        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(path));
    }
}
