using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;
using static Spiderpool.Tests.Unit.Selection.SelectionFixture;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>
/// Spec §3.5: podAffinity, nodeName, nodeAffinity, namespaceName, namespaceAffinity, multusName — having sorts first,
/// first difference decides; ties keep the listed order (upstream leaves them arbitrary, §9 #5).
/// </summary>
public sealed class PoolSelectorOrderTests
{
    private static readonly SelectionSettings WithClusterNetwork = Settings with { MultusClusterNetwork = "kube-system/calico" };

    // Every property is set so that the pod passes it.
    private static PoolIndexEntry Pod_(string name) => V4(name) with { PodAffinity = Selector("app", "web") };
    private static PoolIndexEntry NodeName(string name) => V4(name) with { NodeName = ["worker-1"] };
    private static PoolIndexEntry NodeAffinity(string name) => V4(name) with { NodeAffinity = Selector("zone", "a") };
    private static PoolIndexEntry NamespaceName(string name) => V4(name) with { NamespaceName = ["demo"] };
    private static PoolIndexEntry NamespaceAffinity(string name) => V4(name) with { NamespaceAffinity = Selector("team", "blue") };
    private static PoolIndexEntry Multus(string name) => V4(name) with { MultusName = ["kube-system/calico"] };

    private static PoolIndexEntry AllBelowPodAffinity(string name) => V4(name) with
    {
        NodeName = ["worker-1"],
        NodeAffinity = Selector("zone", "a"),
        NamespaceName = ["demo"],
        NamespaceAffinity = Selector("team", "blue"),
        MultusName = ["kube-system/calico"],
    };

    private static PoolIndexEntry AllBelowNodeName(string name) => AllBelowPodAffinity(name) with { NodeName = [] };

    public static TheoryData<string, PoolIndexEntry[], string> Rows => new()
    {
        { "a pool with podAffinity sorts before one without", [V4("plain"), Pod_("pod")], "pod, plain" },
        { "a pool with nodeName sorts before one without", [V4("plain"), NodeName("node-name")], "node-name, plain" },
        { "a pool with nodeAffinity sorts before one without", [V4("plain"), NodeAffinity("node-affinity")], "node-affinity, plain" },
        { "a pool with namespaceName sorts before one without", [V4("plain"), NamespaceName("ns-name")], "ns-name, plain" },
        { "a pool with namespaceAffinity sorts before one without", [V4("plain"), NamespaceAffinity("ns-affinity")], "ns-affinity, plain" },
        { "a pool with multusName sorts before one without", [V4("plain"), Multus("multus")], "multus, plain" },
        { "podAffinity alone beats every later property together", [AllBelowPodAffinity("rest"), Pod_("pod")], "pod, rest" },
        { "nodeName alone beats every later property together", [AllBelowNodeName("rest"), NodeName("node-name")], "node-name, rest" },
        { "nodeAffinity beats namespaceName", [NamespaceName("ns-name"), NodeAffinity("node-affinity")], "node-affinity, ns-name" },
        { "namespaceAffinity beats multusName", [Multus("multus"), NamespaceAffinity("ns-affinity")], "ns-affinity, multus" },
        { "equally specific pools keep the listed order", [V4("b"), V4("c"), V4("a")], "b, c, a" },
        { "equally specific pools keep the listed order around others", [Pod_("pod-b"), V4("plain"), Pod_("pod-a"), Multus("multus")], "pod-b, pod-a, multus, plain" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Select_SortsBySpecificityThenListedOrder(string rule, PoolIndexEntry[] listed, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        var pod = Pod(annotations: IpPool($$"""{"ipv4":[{{string.Join(",", listed.Select(p => $"\"{p.Name}\""))}}]}"""));

        var result = PoolSelector.Select(pod, listed, WithClusterNetwork);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, string.Join(", ", result.Interfaces.Single().V4Pools));
    }

    [Fact]
    public void Select_AcquireOnly_KeepsListedOrderAndFilteredPools()
    {
        var pod = Pod(annotations: IpPool("""{"ipv4":["plain","pod","gone"]}"""));

        var result = PoolSelector.Acquire(pod, [V4("plain") with { Disable = true }, Pod_("pod")], Settings);

        Assert.Equal("eth0 v4[plain, pod, gone] v6[]", Render(result));
        Assert.Equal(SelectionSource.PodIpPool, result.Source);
    }
}
