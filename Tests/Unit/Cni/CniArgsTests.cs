using Spiderpool.Cni.Plugin;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class CniArgsTests
{
    [Fact]
    public void Parse_reads_the_kubernetes_keys()
    {
        var args = CniArgs.Parse("K8S_POD_NAMESPACE=demo;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=c0ffee01;K8S_POD_UID=uid-1");

        Assert.Equal(new CniArgs { PodNamespace = "demo", PodName = "web-0", InfraContainerId = "c0ffee01", PodUid = "uid-1" }, args);
        Assert.True(args.HasPodIdentity);
    }

    [Theory]
    [InlineData("IgnoreUnknown=1;K8S_POD_NAME=web-0;FOO=bar")]
    [InlineData("K8S_POD_NAME=web-0;FOO=bar;IgnoreUnknown=true")]
    [InlineData("IgnoreUnknown=TRUE;FOO=bar;K8S_POD_NAME=web-0")]
    public void Parse_skips_unknown_keys_when_ignore_unknown_is_true_wherever_it_appears(string text) =>
        Assert.Equal(new CniArgs { PodName = "web-0" }, CniArgs.Parse(text));

    [Theory]
    [InlineData("IgnoreUnknown=0;FOO=bar")]
    [InlineData("IgnoreUnknown=false;FOO=bar")]
    [InlineData("FOO=bar")]
    public void Parse_rejects_unknown_keys_unless_ignore_unknown_is_true(string text)
    {
        var error = Assert.Throws<CniException>(() => CniArgs.Parse(text));

        Assert.Equal((4, "CNI_ARGS has key 'FOO', which this plugin does not know; add IgnoreUnknown=1 to CNI_ARGS to let it skip unknown keys"), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("IgnoreUnknown=yes", "CNI_ARGS IgnoreUnknown 'yes' must be 1, 0, true or false")]
    [InlineData("K8S_POD_NAME", "CNI_ARGS 'K8S_POD_NAME' is not a KEY=VALUE pair (pairs are separated by ';')")]
    [InlineData("=web-0", "CNI_ARGS '=web-0' is not a KEY=VALUE pair (pairs are separated by ';')")]
    public void Parse_rejects_malformed_pairs_with_code_4(string text, string message)
    {
        var error = Assert.Throws<CniException>(() => CniArgs.Parse(text));

        Assert.Equal((4, message), (error.Code, error.Message));
    }

    [Fact]
    public void Parse_tolerates_empty_segments_lets_later_pairs_win_and_keeps_equals_signs_in_values()
    {
        var args = CniArgs.Parse(";K8S_POD_NAME=old;;K8S_POD_NAME=web-0;K8S_POD_UID=a=b;");

        Assert.Equal(new CniArgs { PodName = "web-0", PodUid = "a=b" }, args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_of_nothing_has_no_pod_identity(string? text)
    {
        var args = CniArgs.Parse(text);

        Assert.Equal(CniArgs.Empty, args);
        Assert.False(args.HasPodIdentity);
    }

    [Fact]
    public void An_empty_pod_name_is_no_pod_identity() =>
        Assert.False(CniArgs.Parse("K8S_POD_NAMESPACE=demo;K8S_POD_NAME=").HasPodIdentity);
}
