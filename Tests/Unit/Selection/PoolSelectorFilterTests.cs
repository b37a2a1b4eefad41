using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;
using static Spiderpool.Tests.Unit.Selection.SelectionFixture;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.4: one row per filter. Each row lists pool 'p' for IPv4 and expects it kept (null) or rejected with the reason.</summary>
public sealed class PoolSelectorFilterTests
{
    private static readonly Dictionary<string, string> AutoPoolLabels = new() { [AnnotationKeys.OwnerApplicationName] = "web" };

    private static LabelSelector App(string group, string version, string kind, string ns, string name) => new()
    {
        MatchLabels = new Dictionary<string, string>
        {
            [AnnotationKeys.AppApiGroup] = group,
            [AnnotationKeys.AppApiVersion] = version,
            [AnnotationKeys.AppKind] = kind,
            [AnnotationKeys.AppNamespace] = ns,
            [AnnotationKeys.AppName] = name,
        },
    };

    private static PoolIndexEntry P => V4("p");

    private static PodContext Annotated(params (string Key, string Value)[] annotations) =>
        Pod(annotations: annotations.ToDictionary(a => a.Key, a => a.Value));

    private const string FirstNicUnknown = "the NetworkAttachmentDefinition of the first interface eth0 is unknown: neither the Pod annotation "
        + "'v1.multus-cni.io/default-network' nor the agent's MULTUS_CLUSTER_NETWORK is set";

    public static TheoryData<string, PoolIndexEntry, PodContext, SelectionSettings, string?> Rows => new()
    {
        { "a plain pool passes every filter", P, Pod(), Settings, null },
        { "a terminating pool is filtered out", P with { Terminating = true }, Pod(), Settings, "the IPPool is terminating" },
        { "terminating is checked before disabled", P with { Terminating = true, Disable = true }, Pod(), Settings, "the IPPool is terminating" },
        { "a disabled pool is filtered out", P with { Disable = true }, Pod(), Settings, "the IPPool is disabled (spec.disable: true)" },
        { "a pool of the other family is filtered out", V6("p"), Pod(), Settings, "the IPPool is IPv6, not IPv4" },
        { "a pool without a valid family is filtered out", P with { Family = default }, Pod(), Settings, "the IPPool has no valid spec.ipVersion" },

        { "nodeName listing the pod's node keeps the pool", P with { NodeName = ["worker-2", "worker-1"] }, Pod(), Settings, null },
        { "nodeName not listing the pod's node filters the pool out", P with { NodeName = ["worker-2", "worker-3"] }, Pod(), Settings, "node 'worker-1' is not in spec.nodeName [worker-2, worker-3]" },
        { "a non-empty nodeName replaces nodeAffinity", P with { NodeName = ["worker-1"], NodeAffinity = Selector("zone", "b") }, Pod(), Settings, null },
        { "nodeAffinity matching the node's labels keeps the pool", P with { NodeAffinity = Selector("zone", "a") }, Pod(), Settings, null },
        { "nodeAffinity not matching the node's labels filters the pool out", P with { NodeAffinity = Selector("zone", "b") }, Pod(), Settings, "the labels of node 'worker-1' do not match spec.nodeAffinity" },

        { "namespaceName listing the pod's namespace keeps the pool", P with { NamespaceName = ["demo"] }, Pod(), Settings, null },
        { "namespaceName not listing the pod's namespace filters the pool out", P with { NamespaceName = ["prod"] }, Pod(), Settings, "namespace 'demo' is not in spec.namespaceName [prod]" },
        { "a non-empty namespaceName replaces namespaceAffinity", P with { NamespaceName = ["demo"], NamespaceAffinity = Selector("team", "red") }, Pod(), Settings, null },
        { "namespaceAffinity matching the namespace's labels keeps the pool", P with { NamespaceAffinity = Selector("team", "blue") }, Pod(), Settings, null },
        { "namespaceAffinity not matching the namespace's labels filters the pool out", P with { NamespaceAffinity = Selector("team", "red") }, Pod(), Settings, "the labels of namespace 'demo' do not match spec.namespaceAffinity" },

        { "podAffinity matching the pod's labels keeps the pool", P with { PodAffinity = Selector("app", "web") }, Pod(), Settings, null },
        { "podAffinity not matching the pod's labels filters the pool out", P with { PodAffinity = Selector("app", "db") }, Pod(), Settings, "the Pod's labels do not match spec.podAffinity" },
        { "an empty podAffinity matches every pod", P with { PodAffinity = new LabelSelector() }, Pod(), Settings, null },
        {
            "an invalid podAffinity filters the pool out and says why",
            P with { PodAffinity = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "in", Values = ["web"] }] } },
            Pod(), Settings,
            "spec.podAffinity is invalid: matchExpressions[0] (key 'app'): 'in' is not a label selector operator; use In, NotIn, Exists or DoesNotExist"
        },
        {
            "an auto-created pool of the pod's top controller keeps the pool even though the pod lacks the app labels",
            P with { Labels = AutoPoolLabels, PodAffinity = App("apps", "v1", "Deployment", "demo", "web") }, Pod(), Settings, null
        },
        {
            "an auto-created pool of another application filters the pool out",
            P with { Labels = AutoPoolLabels, PodAffinity = App("apps", "v1", "Deployment", "demo", "api") }, Pod(), Settings,
            "the IPPool is reserved for application apps/v1 Deployment demo/api (spec.podAffinity), but the Pod belongs to apps/v1 Deployment demo/web"
        },
        {
            "an auto-created pool compares the kind too",
            P with { Labels = AutoPoolLabels, PodAffinity = App("apps", "v1", "StatefulSet", "demo", "web") }, Pod(), Settings,
            "the IPPool is reserved for application apps/v1 StatefulSet demo/web (spec.podAffinity), but the Pod belongs to apps/v1 Deployment demo/web"
        },
        {
            "an auto-created pool of a core-group application names it by version only",
            P with { Labels = AutoPoolLabels, PodAffinity = App("", "v1", "ReplicationController", "demo", "web") }, Pod(), Settings,
            "the IPPool is reserved for application v1 ReplicationController demo/web (spec.podAffinity), but the Pod belongs to apps/v1 Deployment demo/web"
        },

        {
            "multusName matching the default-network annotation keeps the pool",
            P with { MultusName = ["kube-system/macvlan"] }, Annotated((AnnotationKeys.MultusDefaultNetwork, "kube-system/macvlan")), Settings, null
        },
        {
            "multusName matching the JSON form of the default-network annotation keeps the pool",
            P with { MultusName = ["kube-system/macvlan"] }, Annotated((AnnotationKeys.MultusDefaultNetwork, """[{"name":"macvlan","namespace":"kube-system"}]""")), Settings, null
        },
        {
            "bare multusName entries and a namespace-less default network both mean the install namespace",
            P with { MultusName = ["macvlan"] }, Annotated((AnnotationKeys.MultusDefaultNetwork, "macvlan")), Settings, null
        },
        {
            "multusName not listing the first NIC's network filters the pool out",
            P with { MultusName = ["kube-system/macvlan"] }, Annotated((AnnotationKeys.MultusDefaultNetwork, "ipvlan")), Settings,
            "interface eth0 is attached through NetworkAttachmentDefinition 'spiderpool/ipvlan', which is not in spec.multusName [kube-system/macvlan]"
        },
        {
            "without the annotation, MULTUS_CLUSTER_NETWORK is the first NIC's network",
            P with { MultusName = ["kube-system/calico"] }, Pod(), Settings with { MultusClusterNetwork = "kube-system/calico" }, null
        },
        {
            "the default-network annotation wins over MULTUS_CLUSTER_NETWORK",
            P with { MultusName = ["kube-system/calico"] }, Annotated((AnnotationKeys.MultusDefaultNetwork, "kube-system/macvlan")), Settings with { MultusClusterNetwork = "kube-system/calico" },
            "interface eth0 is attached through NetworkAttachmentDefinition 'kube-system/macvlan', which is not in spec.multusName [kube-system/calico]"
        },
        {
            "upstream bug §9 #8 is not copied: without annotation or MULTUS_CLUSTER_NETWORK a pool without multusName is kept for the first NIC",
            P, Pod(), Settings, null
        },
        {
            "without annotation or MULTUS_CLUSTER_NETWORK a pool that lists multusName is filtered out for the first NIC, saying what is missing",
            P with { MultusName = ["macvlan"] }, Pod(), Settings, $"spec.multusName [spiderpool/macvlan] cannot be checked: {FirstNicUnknown}"
        },
        {
            "a secondary NIC's network is its entry in the networks annotation, named net<i+1> by default",
            P with { MultusName = ["kube-system/macvlan-a"] },
            Pod(annotations: new() { [AnnotationKeys.MultusNetworks] = "kube-system/macvlan-a, macvlan-b@net9", [AnnotationKeys.PodIpPool] = """{"ipv4":["p"]}""" }, ifName: "net1"),
            Settings, null
        },
        {
            "a namespace-less networks entry is in the pod's namespace, and a bare multusName is in the install namespace",
            P with { MultusName = ["macvlan-b"] },
            Pod(annotations: new() { [AnnotationKeys.MultusNetworks] = "kube-system/macvlan-a, macvlan-b@net9", [AnnotationKeys.PodIpPool] = """{"ipv4":["p"]}""" }, ifName: "net9"),
            Settings, "interface net9 is attached through NetworkAttachmentDefinition 'demo/macvlan-b', which is not in spec.multusName [spiderpool/macvlan-b]"
        },
        {
            "a secondary NIC no networks entry is for cannot match multusName",
            P with { MultusName = ["demo/x"] },
            Pod(annotations: new() { [AnnotationKeys.MultusNetworks] = "x", [AnnotationKeys.PodIpPool] = """{"ipv4":["p"]}""" }, ifName: "net5"),
            Settings, "spec.multusName [demo/x] cannot be checked: the NetworkAttachmentDefinition of interface net5 is unknown: no entry of the Pod annotation 'k8s.v1.cni.cncf.io/networks' is for it"
        },
        {
            "a secondary NIC of a pod without the networks annotation cannot match multusName",
            P with { MultusName = ["demo/x"] }, Pod(annotations: IpPool("""{"ipv4":["p"]}"""), ifName: "net1"),
            Settings, "spec.multusName [demo/x] cannot be checked: the NetworkAttachmentDefinition of interface net1 is unknown: the Pod has no annotation 'k8s.v1.cni.cncf.io/networks'"
        },
        {
            "the network the caller knows for this interface wins over the annotations",
            P with { MultusName = ["kube-system/sriov"] }, Annotated((AnnotationKeys.MultusDefaultNetwork, "kube-system/macvlan")) with { Network = "kube-system/sriov" }, Settings, null
        },
        {
            "match_master_subnet is accepted but cannot be honoured, so it filters the pool out and says so",
            P, Pod(ipam: new() { MatchMasterSubnet = true }), Settings,
            "match_master_subnet is set in the CNI configuration, but matching the SR-IOV PF's subnet is not supported on this node"
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Select_FiltersEachPool(string rule, PoolIndexEntry pool, PodContext pod, SelectionSettings settings, string? reason)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        if (!pod.PodAnnotations.ContainsKey(AnnotationKeys.PodIpPool))
        {
            pod = pod with { PodAnnotations = new Dictionary<string, string>(pod.PodAnnotations) { [AnnotationKeys.PodIpPool] = """{"ipv4":["p"]}""" } };
        }

        var result = PoolSelector.Select(pod, [pool], settings);

        if (reason is null)
        {
            Assert.Equal($"{pod.IfName} v4[p] v6[]", Render(result));
            Assert.Empty(result.Rejections);
        }
        else
        {
            Assert.Equal($"error: no IPPool available, all IPv4 IPPools [p] of {pod.IfName} filtered out: p: {reason}", Render(result));
            Assert.Equal([new PoolRejection(pod.IfName, IpFamily.V4, "p", reason)], result.Rejections);
        }
    }

    [Fact]
    public void Select_WhenSomeCandidatesAreFiltered_KeepsTheRestAndReportsTheRejections()
    {
        var pod = Pod(annotations: IpPool("""{"ipv4":["a","b","c"]}"""));

        var result = PoolSelector.Select(pod, [V4("a") with { Disable = true }, V4("b"), V4("c") with { NodeName = ["other"] }], Settings);

        Assert.Equal("eth0 v4[b] v6[]", Render(result));
        Assert.Equal(
            [
                new PoolRejection("eth0", IpFamily.V4, "a", "the IPPool is disabled (spec.disable: true)"),
                new PoolRejection("eth0", IpFamily.V4, "c", "node 'worker-1' is not in spec.nodeName [other]"),
            ],
            result.Rejections);
    }

    [Fact]
    public void Select_WhenEveryCandidateOfSeveralSlotsIsFiltered_NamesEveryCandidateAndReason()
    {
        var pod = Pod(annotations: IpPool("""{"ipv4":["a","b"],"ipv6":["c"]}"""));

        var result = PoolSelector.Select(pod, [V4("a") with { Disable = true }, V4("b") with { Terminating = true }, V6("c") with { NamespaceName = ["prod"] }], Settings);

        Assert.Equal(
            "error: no IPPool available, all IPv4 IPPools [a, b] of eth0 filtered out: a: the IPPool is disabled (spec.disable: true); b: the IPPool is terminating"
            + " | no IPPool available, all IPv6 IPPools [c] of eth0 filtered out: c: namespace 'demo' is not in spec.namespaceName [prod]",
            Render(result));
        Assert.Equal(3, result.Rejections.Count);
    }
}
