using Spiderpool.NodeHost.Hosting;
using Xunit;

namespace Spiderpool.Tests.Unit.Hosting;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NodeHostOptionsValidatorTests
{
    [Fact]
    public void Embedded_defaults_are_valid()
    {
        Assert.Empty(NodeHostOptionsValidator.Validate(new NodeHostOptions { Embedded = true }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a/b")]
    public void A_standalone_namespace_that_cannot_be_a_pod_key_part_is_refused_naming_the_setting(string value)
    {
        var errors = NodeHostOptionsValidator.Validate(new NodeHostOptions { Embedded = true, StandaloneNamespace = value });

        Assert.Equal($"NodeHost:StandaloneNamespace must be a non-empty name without '/', not '{value}'", Assert.Single(errors));
    }
}
