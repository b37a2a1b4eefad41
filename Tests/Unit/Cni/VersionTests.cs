using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class VersionTests
{
    private const string Supported = "\"supportedVersions\":[\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]";

    [Fact]
    public async Task Version_without_stdin_answers_the_latest_version_and_every_supported_one()
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "");

        Assert.Equal(new PluginOutcome(0, $$"""{"cniVersion":"1.1.0",{{Supported}}}""", ""), outcome);
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task Version_echoes_the_supported_cni_version_it_is_asked_with(string version)
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, $$"""{"cniVersion":"{{version}}"}""");

        Assert.Equal(new PluginOutcome(0, $$"""{"cniVersion":"{{version}}",{{Supported}}}""", ""), outcome);
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.2.0"}""")]
    [InlineData("not json")]
    [InlineData("""{"cniVersion":4}""")]
    public async Task Version_asked_with_an_unsupported_or_unreadable_version_answers_the_latest(string stdin)
    {
        var outcome = await CniHarness.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, stdin);

        Assert.Equal(new PluginOutcome(0, $$"""{"cniVersion":"1.1.0",{{Supported}}}""", ""), outcome);
    }
}
