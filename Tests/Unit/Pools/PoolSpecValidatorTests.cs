using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Pools;
using Xunit;

namespace Spiderpool.Tests.Unit.Pools;

public sealed class PoolSpecValidatorTests
{
    private static readonly PoolSpec Valid = new()
    {
        Subnet = "10.20.0.0/16",
        Ips = ["10.20.1.10-10.20.1.20", "10.20.1.21"],
        ExcludeIps = ["10.20.1.15"],
        Gateway = "10.20.0.1",
        Routes = [new PoolRoute("10.30.0.0/16", "10.20.0.254")],
    };

    [Fact]
    public void TryParse_ValidSpec_InfersFamilyAndMergesRanges()
    {
        Assert.True(PoolSpecValidator.TryParse(Valid, out var parsed, out var error), error);

        Assert.Equal(IpFamily.V4, parsed!.Family);
        Assert.Equal(["10.20.1.10-10.20.1.21"], parsed.Ips.ToStrings());
        Assert.Equal(["10.20.1.10-10.20.1.14", "10.20.1.16-10.20.1.21"], parsed.Usable.ToStrings());
        Assert.Equal("10.20.0.1", parsed.Gateway.ToString());
    }

    [Fact]
    public void TryParse_Ipv6Spec_IsAccepted()
    {
        var spec = new PoolSpec { IpVersion = 6, Subnet = "fd00:10::/64", Ips = ["fd00:10::1-fd00:10::ff"], Gateway = "fd00:10::ffff" };

        Assert.True(PoolSpecValidator.TryParse(spec, out var parsed, out var error), error);
        Assert.Equal(IpFamily.V6, parsed!.Family);
        Assert.Equal(255, (int)parsed.Usable.Count);
    }

    [Theory]
    [InlineData("10.20.0.1/16", "spec.subnet '10.20.0.1/16' is not canonical; write '10.20.0.0/16'")]
    [InlineData("10.20.0.0/33", "spec.subnet:")]
    [InlineData("", "spec.subnet:")]
    public void TryParse_BadSubnet_NamesTheField(string subnet, string expected)
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { Subnet = subnet }, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, "spec.ipVersion is 6 but spec.subnet '10.20.0.0/16' is IPv4")]
    [InlineData(5, "spec.ipVersion must be 4 or 6, not 5")]
    public void TryParse_WrongIpVersion_SaysWhich(int version, string expected)
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { IpVersion = version }, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_IpsOutsideSubnet_NamesTheRange()
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { Ips = ["10.21.0.1-10.21.0.5"] }, out _, out var error));
        Assert.Equal("spec.ips: '10.21.0.1-10.21.0.5' is outside spec.subnet '10.20.0.0/16'", error);
    }

    [Fact]
    public void TryParse_MalformedExcludeIps_NamesTheField()
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { ExcludeIps = ["10.20.1.9-10.20.1.1"] }, out _, out var error));
        Assert.StartsWith("spec.excludeIPs: ", error, StringComparison.Ordinal);
        Assert.Contains("10.20.1.9-10.20.1.1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.21.0.1", "spec.gateway '10.21.0.1' is outside spec.subnet '10.20.0.0/16'")]
    [InlineData("fd00::1", "spec.gateway 'fd00::1' is not an IPv4 address")]
    [InlineData("10.20.1.12", "spec.gateway '10.20.1.12' lies in spec.ips; add it to spec.excludeIPs so it is never handed to a pod")]
    public void TryParse_BadGateway_SaysWhatToFix(string gateway, string expected)
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { Gateway = gateway }, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_GatewayInsideIpsButExcluded_IsAccepted()
    {
        Assert.True(PoolSpecValidator.TryParse(Valid with { Gateway = "10.20.1.15" }, out _, out var error), error);
    }

    [Theory]
    [InlineData("0.0.0.0/0", "10.20.0.254", "spec.routes[0].dst '0.0.0.0/0' is a default route; set spec.gateway instead")]
    [InlineData("fd00::/64", "10.20.0.254", "spec.routes[0].dst 'fd00::/64' is not IPv4 like spec.subnet")]
    [InlineData("10.30.0.0/16", "10.99.0.1", "spec.routes[0].gw '10.99.0.1' is outside spec.subnet '10.20.0.0/16'")]
    [InlineData("10.30.0.0/16", "nope", "spec.routes[0].gw 'nope' is not an IPv4 address")]
    public void TryParse_BadRoute_NamesTheRouteAndField(string dst, string gw, string expected)
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { Routes = [new PoolRoute(dst, gw)] }, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_DuplicateRouteDestination_IsRejected()
    {
        var routes = new[] { new PoolRoute("10.30.0.0/16", "10.20.0.254"), new PoolRoute("10.30.0.0/16", "10.20.0.253") };

        Assert.False(PoolSpecValidator.TryParse(Valid with { Routes = routes }, out _, out var error));
        Assert.Equal("spec.routes[1].dst '10.30.0.0/16' appears twice in spec.routes", error);
    }

    [Fact]
    public void TryParse_EmptyPodAffinity_IsRejectedSayingWhatToDo()
    {
        Assert.False(PoolSpecValidator.TryParse(Valid with { PodAffinity = new LabelSelector() }, out _, out var error));
        Assert.Equal("spec.podAffinity is empty; give it matchLabels or matchExpressions, or leave it out", error);
    }

    [Fact]
    public void TryParse_NodeAffinityWithUnknownOperator_IsRejectedNamingTheField()
    {
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "zone", Operator = "Maybe", Values = ["a"] }] };

        Assert.False(PoolSpecValidator.TryParse(Valid with { NodeAffinity = selector }, out _, out var error));
        Assert.StartsWith("spec.nodeAffinity.matchExpressions[0]", error, StringComparison.Ordinal);
        Assert.Contains("Maybe", error, StringComparison.Ordinal);
    }
}
