using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Manifests;

public sealed class SpiderIPPoolManifestTests
{
    private const string EveryField = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: v4-node1
          labels:
            team: blue
            example.com/zone: a
          annotations:
            note: hand-made
        spec:
          ipVersion: 4
          subnet: 10.20.0.0/16
          ips:
            - 10.20.1.10-10.20.1.20
            - 10.20.2.1
          excludeIPs:
            - 10.20.1.15
          gateway: 10.20.0.1
          routes:
            - dst: 10.30.0.0/16
              gw: 10.20.0.254
            - dst: 10.31.0.0/16
              gw: 10.20.0.253
          podAffinity:
            matchLabels:
              app: web
            matchExpressions:
              - key: tier
                operator: In
                values: [front, edge]
              - key: canary
                operator: DoesNotExist
          namespaceAffinity:
            matchLabels:
              env: prod
          namespaceName: [demo, prod]
          nodeAffinity:
            matchExpressions:
              - key: kubernetes.io/hostname
                operator: NotIn
                values: [worker-9]
          nodeName: [worker-1, worker-2]
          multusName: [kube-system/macvlan-ens192, macvlan-ens224]
          default: true
          disable: true
        """;

    [Fact]
    public void Read_PoolWithEveryField_MapsEachFieldToThePoolSpec()
    {
        var pool = Assert.Single(ManifestText.Valid(EveryField).Pools);

        Assert.Equal("v4-node1", pool.Name);
        Assert.Equal(new(ManifestText.File, 1, 1), pool.Source);
        var spec = pool.Spec;
        Assert.Equal(4, spec.IpVersion);
        Assert.Equal("10.20.0.0/16", spec.Subnet);
        Assert.Equal(["10.20.1.10-10.20.1.20", "10.20.2.1"], spec.Ips);
        Assert.Equal(["10.20.1.15"], spec.ExcludeIps);
        Assert.Equal("10.20.0.1", spec.Gateway);
        Assert.Equal([new PoolRoute("10.30.0.0/16", "10.20.0.254"), new PoolRoute("10.31.0.0/16", "10.20.0.253")], spec.Routes);
        AssertSelector(spec.PodAffinity, [("app", "web")], [("tier", "In", ["front", "edge"]), ("canary", "DoesNotExist", [])]);
        AssertSelector(spec.NamespaceAffinity, [("env", "prod")], []);
        Assert.Equal(["demo", "prod"], spec.NamespaceName);
        AssertSelector(spec.NodeAffinity, [], [("kubernetes.io/hostname", "NotIn", ["worker-9"])]);
        Assert.Equal(["worker-1", "worker-2"], spec.NodeName);
        Assert.Equal(["kube-system/macvlan-ens192", "macvlan-ens224"], spec.MultusName);
        Assert.True(spec.Default);
        Assert.True(spec.Disable);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue", ["example.com/zone"] = "a" }, spec.Labels);
    }

    [Fact]
    public void Read_PoolWithOnlyASubnet_LeavesEveryOptionalFieldAtItsDefault()
    {
        var pool = Assert.Single(ManifestText.Valid("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata: {name: bare}
            spec:
              subnet: fd00:10::/64
              gateway: ~
            """).Pools);

        var spec = pool.Spec;
        Assert.Equal(0, spec.IpVersion);
        Assert.Equal("fd00:10::/64", spec.Subnet);
        Assert.Empty(spec.Ips);
        Assert.Empty(spec.ExcludeIps);
        Assert.Null(spec.Gateway);
        Assert.Empty(spec.Routes);
        Assert.Null(spec.PodAffinity);
        Assert.Null(spec.NamespaceAffinity);
        Assert.Empty(spec.NamespaceName);
        Assert.Null(spec.NodeAffinity);
        Assert.Empty(spec.NodeName);
        Assert.Empty(spec.MultusName);
        Assert.False(spec.Default);
        Assert.False(spec.Disable);
        Assert.Empty(spec.Labels);
    }

    [Fact]
    public void Read_EmptySelector_StaysAnEmptySelectorForValidationToReject()
    {
        var pool = Assert.Single(ManifestText.Valid("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata: {name: p}
            spec: {subnet: 10.0.0.0/24, nodeAffinity: {}}
            """).Pools);

        AssertSelector(pool.Spec.NodeAffinity, [], []);
    }

    [Fact]
    public void Read_SecondDocument_IsNumberedFromOneWithTheLineItStartsOn()
    {
        var manifests = ManifestText.Valid("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata: {name: a}
            spec: {subnet: 10.0.0.0/24}
            ---
            # the second pool
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata: {name: b}
            spec: {subnet: 10.0.1.0/24}
            """);

        Assert.Equal(["a", "b"], manifests.Pools.Select(p => p.Name));
        Assert.Equal(new(ManifestText.File, 2, 7), manifests.Pools[1].Source);
    }

    [Fact]
    public void Read_AnchorAndAlias_GiveTheSameValueInBothPlaces()
    {
        var pool = Assert.Single(ManifestText.Valid("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata: {name: a}
            spec:
              subnet: 10.0.0.0/24
              ips: &edge [10.0.0.10-10.0.0.12]
              excludeIPs: *edge
            """).Pools);

        Assert.Equal(["10.0.0.10-10.0.0.12"], pool.Spec.Ips);
        Assert.Equal(["10.0.0.10-10.0.0.12"], pool.Spec.ExcludeIps);
    }

    private static void AssertSelector(LabelSelector? selector, (string Key, string Value)[] labels, (string Key, string Operator, string[] Values)[] expressions)
    {
        Assert.NotNull(selector);
        Assert.Equal(labels.ToDictionary(l => l.Key, l => l.Value), selector.MatchLabels);
        Assert.Equal(expressions.Length, selector.MatchExpressions.Count);
        for (var i = 0; i < expressions.Length; i++)
        {
            Assert.Equal(expressions[i].Key, selector.MatchExpressions[i].Key);
            Assert.Equal(expressions[i].Operator, selector.MatchExpressions[i].Operator);
            Assert.Equal(expressions[i].Values, selector.MatchExpressions[i].Values);
        }
    }
}
