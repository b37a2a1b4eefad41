using Xunit;

namespace Spiderpool.Tests.Unit.Manifests;

public sealed class SpiderReservedIPManifestTests
{
    [Fact]
    public void Read_ReservedIp_MapsNameVersionAndRanges()
    {
        var reserved = Assert.Single(ManifestText.Valid("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderReservedIP
            metadata:
              name: keep-for-routers
              labels: {team: net}
            spec:
              ipVersion: 6
              ips:
                - fd00:10:20::1-fd00:10:20::3
                - fd00:10:20::ff
            """).ReservedIps);

        Assert.Equal("keep-for-routers", reserved.Set.Name);
        Assert.Equal(6, reserved.Set.IpVersion);
        Assert.Equal(["fd00:10:20::1-fd00:10:20::3", "fd00:10:20::ff"], reserved.Set.Ips);
        Assert.Equal(new(ManifestText.File, 1, 1), reserved.Source);
    }

    [Fact]
    public void Read_ReservedIpWithoutVersion_AsksTheRegistryToInferIt()
    {
        var reserved = Assert.Single(ManifestText.Valid("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderReservedIP
            metadata: {name: r}
            spec: {ips: [10.0.0.1]}
            """).ReservedIps);

        Assert.Equal(0, reserved.Set.IpVersion);
    }

    [Fact]
    public void Read_ReservedIpWithPoolField_NamesTheFieldAndTheFieldsItHas()
    {
        var problem = ManifestText.SingleProblem("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderReservedIP
            metadata: {name: r}
            spec:
              ips: [10.0.0.1]
              subnet: 10.0.0.0/24
            """);

        Assert.Equal("pools.yaml:6: document 1 (SpiderReservedIP 'r'): unknown field spec.subnet; spec has ipVersion, ips", problem);
    }

    [Fact]
    public void Read_ReservedIpWithStatus_SaysTheKindHasNone()
    {
        var problem = ManifestText.SingleProblem("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderReservedIP
            metadata: {name: r}
            spec: {ips: [10.0.0.1]}
            status: {}
            """);

        Assert.Equal("pools.yaml:5: document 1 (SpiderReservedIP 'r'): status does not exist: SpiderReservedIP has no status; remove it", problem);
    }
}
