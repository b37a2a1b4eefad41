using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;
using static Spiderpool.Tests.Unit.Selection.SelectionFixture;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.3: strict precedence, no fallback between rules, per-family independence, clean-gateway source.</summary>
public sealed class PoolSelectorPrecedenceTests
{
    private const string NsV4 = AnnotationKeys.NamespaceDefaultIpv4IpPool;
    private const string NsV6 = AnnotationKeys.NamespaceDefaultIpv6IpPool;

    private static readonly CniIpamConfig ConfDefaults = new() { DefaultIpv4IpPool = ["conf-v4"], DefaultIpv6IpPool = ["conf-v6"] };

    public static TheoryData<string, PodContext, string> Rules => new()
    {
        {
            "with no rule the cluster default pools of each family are used",
            Pod(), "eth0 v4[v4-default] v6[v6-default]"
        },
        {
            "the CNI configuration defaults win over cluster defaults, and a family they omit is not allocated",
            Pod(ipam: new() { DefaultIpv4IpPool = ["conf-v4"] }), "eth0 v4[conf-v4] v6[]"
        },
        {
            "the Namespace defaults win over the CNI configuration",
            Pod(namespaceAnnotations: new() { [NsV4] = """["ns-v4"]""" }, ipam: ConfDefaults), "eth0 v4[ns-v4] v6[]"
        },
        {
            "both Namespace default annotations give one NIC its two families",
            Pod(namespaceAnnotations: new() { [NsV4] = """["ns-v4"]""", [NsV6] = """["ns-v6"]""" }), "eth0 v4[ns-v4] v6[ns-v6]"
        },
        {
            "empty Namespace default lists are no rule, so the CNI configuration is used",
            Pod(namespaceAnnotations: new() { [NsV4] = "[]", [NsV6] = "null" }, ipam: ConfDefaults), "eth0 v4[conf-v4] v6[conf-v6]"
        },
        {
            "the ippool annotation wins over the Namespace defaults",
            Pod(annotations: IpPool("""{"ipv4":["v4-a"],"ipv6":["v6-a"]}"""), namespaceAnnotations: new() { [NsV4] = """["ns-v4"]""" }),
            "eth0 v4[v4-a] v6[v6-a]"
        },
        {
            "the ippool annotation applies to whichever NIC is being configured",
            Pod(annotations: IpPool("""{"ipv6":["v6-a"]}"""), ifName: "net3"), "net3 v4[] v6[v6-a]"
        },
        {
            "the ippools annotation wins over ippool and gives every listed NIC at once",
            Pod(annotations: new()
            {
                [AnnotationKeys.PodIpPools] = """[{"interface":"eth0","ipv4":["v4-a"]},{"interface":"net1","ipv4":["v4-b"],"ipv6":["v6-b"],"cleangateway":true}]""",
                [AnnotationKeys.PodIpPool] = """{"ipv4":["v4-default"]}""",
            }),
            "eth0 v4[v4-a] v6[] | net1 v4[v4-b] v6[v6-b] clean-gateway"
        },
        {
            "no fallback: when the winning rule's candidates are all filtered out, cluster defaults are not tried",
            Pod(annotations: IpPool("""{"ipv4":["v4-disabled"]}""")),
            "error: no IPPool available, all IPv4 IPPools [v4-disabled] of eth0 filtered out: v4-disabled: the IPPool is disabled (spec.disable: true)"
        },
        {
            "no fallback: a malformed Namespace default fails even though the CNI configuration names pools",
            Pod(namespaceAnnotations: new() { [NsV6] = "ns-v6" }, ipam: ConfDefaults),
            "error: wrong input, invalid format of Namespace annotation 'ipam.spidernet.io/default-ipv6-ippool': not valid JSON (line 1, byte 2) (value 'ns-v6')"
        },
        {
            "no fallback: a malformed ippool annotation fails even though cluster defaults exist",
            Pod(annotations: IpPool("""{"ipv4":"v4-a"}""")),
            "error: wrong input, invalid format of Pod annotation 'ipam.spidernet.io/ippool': 'ipv4' must be a list of pool names, found a string (value '{\"ipv4\":\"v4-a\"}')"
        },
        {
            "clean_gateway of the CNI configuration applies to the ippool annotation",
            Pod(annotations: IpPool("""{"ipv4":["v4-a"]}"""), ipam: new() { CleanGateway = true }), "eth0 v4[v4-a] v6[] clean-gateway"
        },
        {
            "clean_gateway of the CNI configuration applies to cluster defaults",
            Pod(ipam: new() { CleanGateway = true }), "eth0 v4[v4-default] v6[v6-default] clean-gateway"
        },
        {
            "clean_gateway of the CNI configuration does not apply to ippools items, which carry their own",
            Pod(annotations: new() { [AnnotationKeys.PodIpPools] = """[{"interface":"eth0","ipv4":["v4-a"]}]""" }, ipam: new() { CleanGateway = true }),
            "eth0 v4[v4-a] v6[]"
        },
        {
            "a missing pool fails the whole selection and is named with where it was listed",
            Pod(annotations: IpPool("""{"ipv4":["v4-a","gone"],"ipv6":["gone-too"]}""")),
            "error: IPv4 IPPool 'gone' listed for interface eth0 in Pod annotation 'ipam.spidernet.io/ippool' does not exist; "
            + "IPv6 IPPool 'gone-too' listed for interface eth0 in Pod annotation 'ipam.spidernet.io/ippool' does not exist"
        },
        {
            "a missing pool of the CNI configuration is named with its field",
            Pod(ipam: new() { DefaultIpv6IpPool = ["nope"] }),
            "error: IPv6 IPPool 'nope' listed for interface eth0 in the CNI configuration 'default_ipv6_ippool' does not exist"
        },
        {
            "a pool listed twice in one list is an error",
            Pod(namespaceAnnotations: new() { [NsV4] = """["ns-v4","ns-v4"]""" }),
            "error: IPv4 IPPool 'ns-v4' is listed twice for interface eth0 in Namespace annotation 'ipam.spidernet.io/default-ipv4-ippool'"
        },
        {
            "an empty pool name in the CNI configuration is an error",
            Pod(ipam: new() { DefaultIpv4IpPool = ["conf-v4", ""] }),
            "error: the CNI configuration 'default_ipv4_ippool' lists an empty pool name; fix the NetworkAttachmentDefinition or SpiderMultusConfig"
        },
        {
            "malformed routes fail the selection before any rule is looked at",
            Pod(annotations: new() { [AnnotationKeys.PodRoutes] = """[{"dst":"10.0.0.0/8"}]""" }),
            "error: wrong input, invalid format of Pod annotation 'ipam.spidernet.io/routes': route 0: 'gw' is missing; a route needs a destination CIDR 'dst' and a gateway address 'gw' (value '[{\"dst\":\"10.0.0.0/8\"}]')"
        },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Select_FollowsStrictPrecedence(string rule, PodContext pod, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(expected, Select(pod));
    }

    [Fact]
    public void Select_WithNoRuleAndNoDefaultPool_SaysWhichRulesExist() =>
        Assert.Equal(
            "error: no IPPool available, no pool selection rules of any type are specified; set the Pod annotation 'ipam.spidernet.io/ippool', "
            + "a Namespace default ('ipam.spidernet.io/default-ipv4-ippool'), default_ipv4_ippool/default_ipv6_ippool in the CNI configuration, "
            + "or mark an IPPool spec.default: true",
            Select(Pod(), [V4("v4-a"), V6("v6-a")]));

    [Fact]
    public void Select_ClusterDefaults_AreAllDefaultPoolsOfTheFamilyInOrdinalNameOrder() =>
        Assert.Equal(
            "eth0 v4[def-A, def-a, def-b] v6[]",
            Select(Pod(), [V4("def-b") with { Default = true }, V4("def-a") with { Default = true }, V4("def-A") with { Default = true }, V4("plain")]));

    [Fact]
    public void Select_Success_CarriesSourceRoutesAndNoPositionalMapping()
    {
        var pod = Pod(annotations: new()
        {
            [AnnotationKeys.PodIpPool] = """{"ipv4":["v4-a"]}""",
            [AnnotationKeys.PodRoutes] = """[{"dst":"10.9.0.1/16","gw":"172.16.0.1"},{"dst":"fd00:9::/64","gw":"fd00::1"}]""",
        });

        var result = PoolSelector.Select(pod, StandardPools, Settings);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(SelectionSource.PodIpPool, result.Source);
        Assert.Equal(["10.9.0.0/16 via 172.16.0.1", "fd00:9::/64 via fd00::1"], result.Routes.Select(r => r.ToString()));
        Assert.False(result.IsPositional);
        Assert.Empty(result.Rejections);
    }

    public static TheoryData<string, SelectionSettings, PodContext, string> SubnetRules => new()
    {
        {
            "with the subnet feature on, a valid subnet annotation is refused as not supported yet",
            Settings, Pod(annotations: new() { [AnnotationKeys.PodSubnet] = """{"ipv4":["subnet-a"]}""", [AnnotationKeys.PodIpPool] = """{"ipv4":["v4-a"]}""" }),
            "error: SpiderSubnet auto pools are not supported yet (Pod annotation 'ipam.spidernet.io/subnet'); name IPPools with 'ipam.spidernet.io/ippool' or "
            + "'ipam.spidernet.io/ippools' instead, or set enableSpiderSubnet: false to ignore the annotation"
        },
        {
            "subnets wins over subnet",
            Settings, Pod(annotations: new() { [AnnotationKeys.PodSubnets] = """[{"interface":"eth0","ipv4":["s1"]}]""", [AnnotationKeys.PodSubnet] = "not json" }),
            "error: SpiderSubnet auto pools are not supported yet (Pod annotation 'ipam.spidernet.io/subnets'); name IPPools with 'ipam.spidernet.io/ippool' or "
            + "'ipam.spidernet.io/ippools' instead, or set enableSpiderSubnet: false to ignore the annotation"
        },
        {
            "an orphan pod cannot use a subnet annotation",
            Settings, Pod(annotations: new() { [AnnotationKeys.PodSubnet] = """{"ipv4":["subnet-a"]}""" }, top: new() { ApiVersion = "v1", Kind = "Pod", Name = "web-7d9f-abcde" }),
            "error: SpiderSubnet feature doesn't support no-controller pod: Pod demo/web-7d9f-abcde has no controller, so its annotation 'ipam.spidernet.io/subnet' "
            + "cannot be served; name IPPools with 'ipam.spidernet.io/ippool' instead"
        },
        {
            "with auto pools off, a subnet annotation is an error",
            Settings with { EnableAutoPoolForApplication = false }, Pod(annotations: new() { [AnnotationKeys.PodSubnet] = """{"ipv4":["subnet-a"]}""" }),
            "error: Pod annotation 'ipam.spidernet.io/subnet' asks for a SpiderSubnet auto pool, but enableAutoPoolForApplication is false; "
            + "remove the annotation or enable ipam.spiderSubnet.autoPool.enable"
        },
        {
            "a malformed subnet annotation is reported before the feature checks",
            Settings with { EnableAutoPoolForApplication = false }, Pod(annotations: new() { [AnnotationKeys.PodSubnet] = """{"ipv4":[""]}""" }),
            "error: wrong input, invalid format of Pod annotation 'ipam.spidernet.io/subnet': item 0 of 'ipv4' is an empty string; write a SpiderSubnet name (value '{\"ipv4\":[\"\"]}')"
        },
        {
            "with the subnet feature off, subnet annotations are ignored, even malformed ones",
            Settings with { EnableSpiderSubnet = false },
            Pod(annotations: new() { [AnnotationKeys.PodSubnets] = "][", [AnnotationKeys.PodIpPool] = """{"ipv4":["v4-a"]}""" }),
            "eth0 v4[v4-a] v6[]"
        },
    };

    [Theory]
    [MemberData(nameof(SubnetRules))]
    public void Select_SubnetAnnotations_FollowTheFeatureFlags(string rule, SelectionSettings settings, PodContext pod, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(expected, Select(pod, settings: settings));
    }

    public static TheoryData<string, SelectionSettings, PodContext, string> FamilyRules => new()
    {
        {
            "a family disabled cluster-wide is dropped silently",
            Settings with { EnableIpv6 = false }, Pod(annotations: IpPool("""{"ipv4":["v4-a"],"ipv6":["v6-a"]}""")), "eth0 v4[v4-a] v6[]"
        },
        {
            "a missing pool of a disabled family is not an error, since that list is dropped first",
            Settings with { EnableIpv6 = false }, Pod(annotations: IpPool("""{"ipv4":["v4-a"],"ipv6":["gone"]}""")), "eth0 v4[v4-a] v6[]"
        },
        {
            "cluster defaults of a disabled family are not used",
            Settings with { EnableIpv4 = false }, Pod(), "eth0 v4[] v6[v6-default]"
        },
        {
            "a rule that lists only a disabled family leaves nothing to allocate",
            Settings with { EnableIpv6 = false }, Pod(annotations: IpPool("""{"ipv6":["v6-a"]}""")),
            "error: interface eth0 gets only IPv6 pools from Pod annotation 'ipam.spidernet.io/ippool', but IPv6 is disabled (enableIPv6: false); list IPv4 pools there or enable IPv6"
        },
        {
            "with both families disabled nothing can be allocated",
            Settings with { EnableIpv4 = false, EnableIpv6 = false }, Pod(),
            "error: both IPv4 and IPv6 are disabled (enableIPv4 and enableIPv6 are false in spiderpool-conf), so there is nothing to allocate"
        },
    };

    [Theory]
    [MemberData(nameof(FamilyRules))]
    public void Select_DropsDisabledFamilies(string rule, SelectionSettings settings, PodContext pod, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(expected, Select(pod, settings: settings));
    }
}
