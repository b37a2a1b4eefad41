using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;
using static Spiderpool.Tests.Unit.Selection.SelectionFixture;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.8: <c>ipam.spidernet.io/ippools</c> with interface names and in the positional (no-name) form.</summary>
public sealed class PoolSelectorMultiNicTests
{
    private static PodContext IpPools(string json, string ifName = "eth0", string? networks = null)
    {
        var annotations = new Dictionary<string, string> { [AnnotationKeys.PodIpPools] = json };
        if (networks is not null)
        {
            annotations[AnnotationKeys.MultusNetworks] = networks;
        }

        return Pod(annotations: annotations, ifName: ifName);
    }

    [Fact]
    public void Select_NamedItems_GiveEveryListedNicWhicheverNicComesFirst()
    {
        var result = PoolSelector.Select(IpPools("""[{"interface":"eth0","ipv4":["v4-a"]},{"interface":"net1","ipv6":["v6-a"]}]""", ifName: "net1"), StandardPools, Settings);

        Assert.Equal("eth0 v4[v4-a] v6[] | net1 v4[] v6[v6-a]", Render(result));
        Assert.Equal(SelectionSource.PodIpPools, result.Source);
        Assert.False(result.IsPositional);
    }

    [Fact]
    public void Select_PositionalItems_MapToEth0AndTheMultusNetworksInOrder()
    {
        var pod = Pod(annotations: new()
        {
            [AnnotationKeys.PodIpPools] = """[{"ipv4":["v4-a"]},{"ipv4":["v4-b"],"cleangateway":true},{"ipv6":["v6-a"]}]""",
            [AnnotationKeys.MultusNetworks] = """[{"name":"macvlan","namespace":"kube-system"},{"name":"sriov","interface":"fast0"}]""",
            [AnnotationKeys.MultusDefaultNetwork] = "kube-system/calico",
        });

        var result = PoolSelector.Select(pod, StandardPools, Settings);

        // Items after the first are placeholders until an ADD claims them; their Multus names are only preferences.
        Assert.Equal("eth0 v4[v4-a] v6[] | #1 v4[v4-b] v6[] clean-gateway | #2 v4[] v6[v6-a]", Render(result));
        Assert.Equal([0, 1, 2], result.Interfaces.Select(i => i.Position));
        Assert.Equal(
            [new PositionalInterface(0, "eth0", "kube-system/calico"), new PositionalInterface(1, "net1", "kube-system/macvlan"), new PositionalInterface(2, "fast0", "demo/sriov")],
            result.Positional);
    }

    [Fact]
    public void Select_PositionalItems_MatchMultusNameByIndex()
    {
        var pod = IpPools("""[{"ipv4":["v4-a"]},{"ipv4":["only-macvlan"]}]""", networks: "kube-system/ipvlan");

        var result = PoolSelector.Select(pod, [.. StandardPools, V4("only-macvlan") with { MultusName = ["kube-system/macvlan"] }], Settings);

        Assert.Equal(
            "error: no IPPool available, all IPv4 IPPools [only-macvlan] of net1 filtered out: only-macvlan: interface net1 is attached through "
            + "NetworkAttachmentDefinition 'kube-system/ipvlan', which is not in spec.multusName [kube-system/macvlan]",
            Render(result));
    }

    [Fact]
    public void Select_PositionalItemsBeyondTheNetworksList_AreNamedLikeMultusWithAnUnknownNetwork()
    {
        var result = PoolSelector.Select(IpPools("""[{"ipv4":["v4-a"]},{"ipv4":["v4-b"]}]"""), StandardPools, Settings);

        Assert.Equal("eth0 v4[v4-a] v6[] | #1 v4[v4-b] v6[]", Render(result));
        Assert.Equal([new PositionalInterface(0, "eth0", null), new PositionalInterface(1, "net1", null)], result.Positional);
    }

    [Theory]
    [InlineData("eth1", null)]
    [InlineData("eth0", "macvlan@eth0")]
    public void Select_PositionalItems_AcceptAnyInterfaceNameTheRuntimeUses(string ifName, string? networks)
    {
        // A runtime that names its second NIC eth1, or networks that Multus would name alike, still get every item.
        var result = PoolSelector.Select(IpPools("""[{"ipv4":["v4-a"]},{"ipv4":["v4-b"]}]""", ifName: ifName, networks: networks), StandardPools, Settings);

        Assert.Equal("eth0 v4[v4-a] v6[] | #1 v4[v4-b] v6[]", Render(result));
    }

    public static TheoryData<string, PodContext, string> Invalid => new()
    {
        {
            "the NIC being configured must be listed when items name interfaces",
            IpPools("""[{"interface":"eth0","ipv4":["v4-a"]},{"interface":"net1","ipv4":["v4-b"]}]""", ifName: "net2"),
            "error: wrong input, invalid format of Pod annotation 'ipam.spidernet.io/ippools': the interface being configured, 'net2' (CNI_IFNAME), is not listed; "
            + "the items name eth0, net1 (value '[{\"interface\":\"eth0\",\"ipv4\":[\"v4-a\"]},{\"interface\":\"net1\",\"ipv4\":[\"v4-b\"]}]')"
        },
        {
            "a malformed networks annotation fails the selection",
            IpPools("""[{"ipv4":["v4-a"]}]""", networks: "a/b/c"),
            "error: wrong input, invalid format of Pod annotation 'k8s.v1.cni.cncf.io/networks': entry 0 'a/b/c' has more than one '/'; write [namespace/]name[@interface] (value 'a/b/c')"
        },
        {
            "an item's filtered pools fail the whole selection, naming the NIC",
            IpPools("""[{"interface":"eth0","ipv4":["v4-a"]},{"interface":"net1","ipv4":["v4-disabled"]}]"""),
            "error: no IPPool available, all IPv4 IPPools [v4-disabled] of net1 filtered out: v4-disabled: the IPPool is disabled (spec.disable: true)"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Select_RejectsInconsistentMultiNicInput(string rule, PodContext pod, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(expected, Select(pod));
    }
}
