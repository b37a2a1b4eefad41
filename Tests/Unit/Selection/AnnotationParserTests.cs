using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §2.1–§2.3: every annotation's valid forms and every invalid form with its exact message.</summary>
public sealed class AnnotationParserTests
{
    private const string IpPoolPrefix = "wrong input, invalid format of Pod annotation 'ipam.spidernet.io/ippool': ";
    private const string IpPoolsPrefix = "wrong input, invalid format of Pod annotation 'ipam.spidernet.io/ippools': ";

    [Theory]
    [InlineData("""{"ipv4":["a","b*"],"ipv6":["c"]}""", "v4[a, b*] v6[c]")]
    [InlineData("""{"ipv6":["c"]}""", "v4[] v6[c]")]
    [InlineData("""{"IPv4":["a"]}""", "v4[a] v6[]")]
    [InlineData("""{"ipv4":["a"],"ipv4":["b"]}""", "v4[b] v6[]")]
    [InlineData("""{"ipv4":["a"],"ipv6":null,"interface":"eth0","future":{"x":1}}""", "v4[a] v6[]")]
    public void TryParseIpPool_ValidForms_AreReadLikeGo(string value, string expected)
    {
        Assert.True(AnnotationParser.TryParseIpPool(value, out var parsed, out var error), error);
        Assert.Equal(expected, $"v4[{string.Join(", ", parsed.V4)}] v6[{string.Join(", ", parsed.V6)}]");
    }

    [Theory]
    [InlineData("", "the value is empty")]
    [InlineData("{", "not valid JSON (line 1, byte 2)")]
    [InlineData("""{"ipv4":["a"]} x""", "not valid JSON (line 1, byte 16)")]
    [InlineData("""["a"]""", """expected an object like {"ipv4":["pool-a"],"ipv6":["pool-b"]}, found a list""")]
    [InlineData("null", """expected an object like {"ipv4":["pool-a"],"ipv6":["pool-b"]}, found null""")]
    [InlineData("""{"ipv4":"a"}""", "'ipv4' must be a list of pool names, found a string")]
    [InlineData("""{"ipv6":[1]}""", "item 0 of 'ipv6' must be a pool name (a string), found a number")]
    [InlineData("""{"ipv4":["a",""]}""", "item 1 of 'ipv4' is an empty string; write a pool name")]
    [InlineData("""{"ipv4":[],"ipv6":[]}""", "it lists no pool; set 'ipv4', 'ipv6' or both")]
    [InlineData("{}", "it lists no pool; set 'ipv4', 'ipv6' or both")]
    public void TryParseIpPool_InvalidForms_NameKeyValueAndProblem(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseIpPool(value, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal($"{IpPoolPrefix}{detail} (value '{value}')", error);
    }

    [Fact]
    public void Invalid_LongValue_IsShortenedInTheMessage()
    {
        var value = new string('x', 400);

        Assert.False(AnnotationParser.TryParseIpPool(value, out _, out var error));
        Assert.Equal($"{IpPoolPrefix}not valid JSON (line 1, byte 1) (value '{new string('x', 300)}… (400 characters)')", error);
    }

    [Theory]
    [InlineData("""[{"interface":"eth0","ipv4":["a"]},{"interface":"net1","ipv6":["b"],"cleangateway":true}]""", "eth0", "eth0 v4[a] v6[] | net1 v4[] v6[b] clean-gateway")]
    [InlineData("""[{"interface":"eth0","ipv4":["a"]},{"interface":"net1","ipv6":["b"]}]""", "net1", "eth0 v4[a] v6[] | net1 v4[] v6[b]")]
    [InlineData("""[{"ipv4":["a"]},{"ipv4":["b"],"cleangateway":false}]""", "whatever", " v4[a] v6[] |  v4[b] v6[]")]
    [InlineData("""[{"interface":"","ipv4":["a"]}]""", "eth0", " v4[a] v6[]")]
    public void TryParseIpPools_ValidForms(string value, string ifName, string expected)
    {
        Assert.True(AnnotationParser.TryParseIpPools(value, ifName, out var items, out var error), error);
        Assert.Equal(expected, string.Join(" | ", items.Select(i =>
            $"{i.Interface} v4[{string.Join(", ", i.V4)}] v6[{string.Join(", ", i.V6)}]{(i.CleanGateway ? " clean-gateway" : "")}")));
    }

    [Theory]
    [InlineData("{}", """expected a list of items like [{"interface":"eth0","ipv4":["pool-a"]}], found an object""")]
    [InlineData("[]", "it lists no item; give one item per interface")]
    [InlineData("""["eth0"]""", "item 0 must be an object, found a string")]
    [InlineData("""[{"interface":1,"ipv4":["a"]}]""", "item 0: 'interface' must be a string, found a number")]
    [InlineData("""[{"interface":"eth0","ipv4":"a"}]""", "item 0: 'ipv4' must be a list of pool names, found a string")]
    [InlineData("""[{"interface":"eth0","ipv4":["a"]},{"interface":"net1","ipv6":[""]}]""", "item 1: item 0 of 'ipv6' is an empty string; write a pool name")]
    [InlineData("""[{"interface":"eth0","ipv4":["a"],"cleangateway":"yes"}]""", "item 0: 'cleangateway' must be true or false, found a string")]
    [InlineData("""[{"interface":"eth0"}]""", "item 0 (interface 'eth0') lists no pool; set 'ipv4', 'ipv6' or both")]
    [InlineData("""[{"ipv4":["a"]},{"ipv6":[]}]""", "item 1 lists no pool; set 'ipv4', 'ipv6' or both")]
    [InlineData("""[{"ipv4":["a"]},{"interface":"net1","ipv4":["b"]}]""", "'interface' must be set on every item or on none, but item 1 sets it and item 0 does not")]
    [InlineData("""[{"interface":"eth0","ipv4":["a"]},{"interface":"eth0","ipv4":["b"]}]""", "interface 'eth0' is listed twice (items 0 and 1)")]
    [InlineData("""[{"interface":"net1","ipv4":["a"]}]""", "the interface being configured, 'eth0' (CNI_IFNAME), is not listed; the items name net1")]
    public void TryParseIpPools_InvalidForms_NameKeyValueAndProblem(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseIpPools(value, "eth0", out _, out var error));
        Assert.Equal($"{IpPoolsPrefix}{detail} (value '{value}')", error);
    }

    [Theory]
    [InlineData("""{"ipv4":["s1","s2"],"ipv6":["s6"]}""", "eth0 s1 s6")]
    [InlineData("""{"interface":"net1","ipv6":["s6"]}""", "net1 - s6")]
    public void TryParseSubnet_UsesFirstElementsAndDefaultsToEth0(string value, string expected)
    {
        Assert.True(AnnotationParser.TryParseSubnet(value, out var item, out var error), error);
        Assert.Equal(expected, $"{item.Interface} {item.V4Subnet ?? "-"} {item.V6Subnet ?? "-"}");
    }

    [Theory]
    [InlineData("""{"ipv4":[""]}""", "item 0 of 'ipv4' is an empty string; write a SpiderSubnet name")]
    [InlineData("""{"interface":"net1"}""", "it names no subnet for interface 'net1'; set 'ipv4', 'ipv6' or both")]
    [InlineData("""{"interface":7,"ipv4":["s"]}""", "'interface' must be a string, found a number")]
    [InlineData("[]", """expected an object like {"interface":"eth0","ipv4":["subnet-a"]}, found a list""")]
    [InlineData("x", "not valid JSON (line 1, byte 1)")]
    public void TryParseSubnet_InvalidForms(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseSubnet(value, out _, out var error));
        Assert.Equal($"wrong input, invalid format of Pod annotation 'ipam.spidernet.io/subnet': {detail} (value '{value}')", error);
    }

    [Fact]
    public void TryParseSubnets_ValidList_DefaultsMissingInterfaceToEth0()
    {
        Assert.True(AnnotationParser.TryParseSubnets("""[{"ipv4":["s1"],"ipv6":["s6"]},{"interface":"net1","ipv4":["s2","ignored"]}]""", out var items, out var error), error);
        Assert.Equal([new SubnetAnnotationItem("eth0", "s1", "s6"), new SubnetAnnotationItem("net1", "s2", null)], items);
    }

    [Theory]
    [InlineData("""{"interface":"eth0"}""", """expected a list of items like [{"interface":"eth0","ipv4":["subnet-a"]}], found an object""")]
    [InlineData("[]", "it lists no item; give one item per interface")]
    [InlineData("[3]", "item 0 must be an object, found a number")]
    [InlineData("""[{"ipv4":["s1"]},{"interface":"eth0","ipv4":["s2"]}]""", "interface 'eth0' is listed twice (items 0 and 1)")]
    [InlineData("""[{"interface":"eth0","ipv4":["s1"]},{"interface":"net1","ipv6":["s1"]}]""", "SpiderSubnet 's1' is used by interfaces 'eth0' and 'net1'; give each interface its own subnet")]
    [InlineData("""[{"interface":"net1"}]""", "item 0: it names no subnet for interface 'net1'; set 'ipv4', 'ipv6' or both")]
    [InlineData("""[{"interface":"net1","ipv6":[7]}]""", "item 0: item 0 of 'ipv6' must be a SpiderSubnet name (a string), found a number")]
    public void TryParseSubnets_InvalidForms(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseSubnets(value, out _, out var error));
        Assert.Equal($"wrong input, invalid format of Pod annotation 'ipam.spidernet.io/subnets': {detail} (value '{value}')", error);
    }

    [Theory]
    [InlineData("""[{"dst":"10.0.0.0/16","gw":"192.168.1.1"},{"DST":"fd00::1/64","gw":"fd00::ffff"}]""", "10.0.0.0/16 via 192.168.1.1; fd00::/64 via fd00::ffff")]
    [InlineData("[]", "")]
    [InlineData("null", "")]
    public void TryParseRoutes_ValidForms_KeepDestinationsCanonical(string value, string expected)
    {
        Assert.True(AnnotationParser.TryParseRoutes(value, out var routes, out var error), error);
        Assert.Equal(expected, string.Join("; ", routes));
    }

    [Theory]
    [InlineData("""{"dst":"10.0.0.0/16","gw":"1.1.1.1"}""", """expected a list of routes like [{"dst":"10.0.0.0/16","gw":"192.168.1.1"}], found an object""")]
    [InlineData("""["10.0.0.0/16"]""", "route 0 must be an object with 'dst' and 'gw', found a string")]
    [InlineData("""[{"gw":"1.1.1.1"}]""", "route 0: 'dst' is missing; a route needs a destination CIDR 'dst' and a gateway address 'gw'")]
    [InlineData("""[{"dst":5,"gw":"1.1.1.1"}]""", "route 0: 'dst' must be a string, found a number")]
    [InlineData("""[{"dst":"10.0.0.0/8","gw":"1.1.1.1"},{"dst":"10.0.0/16","gw":"1.1.1.1"}]""", "route 1: 'dst' '10.0.0/16': '10.0.0' is not an IP address")]
    [InlineData("""[{"dst":"10.0.0.0","gw":"1.1.1.1"}]""", "route 0: 'dst' '10.0.0.0': missing prefix length; write address/prefix such as 10.6.0.0/16")]
    [InlineData("""[{"dst":"10.0.0.0/33","gw":"1.1.1.1"}]""", "route 0: 'dst' '10.0.0.0/33': prefix length '33' must be a number from 0 to 32 for IPv4")]
    [InlineData("""[{"dst":"10.0.0.0/8","gw":"1.1.1"}]""", "route 0: 'gw' '1.1.1' is not an IP address")]
    [InlineData("""[{"dst":"10.0.0.0/8","gw":"fd00::1"}]""", "route 0: 'dst' 10.0.0.0/8 is IPv4 but 'gw' fd00::1 is IPv6; they must be the same family")]
    public void TryParseRoutes_InvalidForms(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseRoutes(value, out _, out var error));
        Assert.Equal($"wrong input, invalid format of Pod annotation 'ipam.spidernet.io/routes': {detail} (value '{value}')", error);
    }

    [Theory]
    [InlineData("""["a","b-*"]""", "a, b-*")]
    [InlineData("[]", "")]
    [InlineData("null", "")]
    public void TryParseNamespaceDefaultPools_ValidForms(string value, string expected)
    {
        Assert.True(AnnotationParser.TryParseNamespaceDefaultPools(AnnotationKeys.NamespaceDefaultIpv4IpPool, value, out var pools, out var error), error);
        Assert.Equal(expected, string.Join(", ", pools));
    }

    [Theory]
    [InlineData("\"a\"", "expected a list of pool names like [\"pool-a\",\"pool-*\"], found a string")]
    [InlineData("""{"ipv4":["a"]}""", "expected a list of pool names like [\"pool-a\",\"pool-*\"], found an object")]
    [InlineData("""["a",""]""", "item 1 of the list is an empty string; write a pool name")]
    [InlineData("""["a",1]""", "item 1 of the list must be a pool name (a string), found a number")]
    [InlineData("a", "not valid JSON (line 1, byte 1)")]
    public void TryParseNamespaceDefaultPools_InvalidForms_SayNamespaceAnnotation(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseNamespaceDefaultPools(AnnotationKeys.NamespaceDefaultIpv6IpPool, value, out _, out var error));
        Assert.Equal($"wrong input, invalid format of Namespace annotation 'ipam.spidernet.io/default-ipv6-ippool': {detail} (value '{value}')", error);
    }

    [Theory]
    [InlineData("net1", null)]
    [InlineData("", "the interface name is empty")]
    [InlineData("a-very-long-name0", "interface name 'a-very-long-name0' is longer than 15 characters")]
    [InlineData("net/1", "'net/1' is not a valid interface name (no '/', ':' or spaces, not '.' or '..')")]
    [InlineData("..", "'..' is not a valid interface name (no '/', ':' or spaces, not '.' or '..')")]
    public void TryParseDefaultRouteNic_AcceptsLinuxInterfaceNames(string value, string? detail)
    {
        var parsed = AnnotationParser.TryParseDefaultRouteNic(value, out var nic, out var error);

        Assert.Equal(detail is null, parsed);
        Assert.Equal(detail is null ? value : null, nic);
        Assert.Equal(detail is null ? "" : $"wrong input, invalid format of Pod annotation 'ipam.spidernet.io/default-route-nic': {detail} (value '{value}')", error);
    }

    [Theory]
    [InlineData("macvlan", "demo/macvlan@-")]
    [InlineData("kube-system/macvlan@net2, ipvlan", "kube-system/macvlan@net2 demo/ipvlan@-")]
    [InlineData(" a / b @ c ", "a/b@c")]
    [InlineData("m@", "demo/m@-")]
    [InlineData("", "")]
    [InlineData("""[{"name":"m","namespace":"kube-system","interface":"net5","ips":["10.0.0.1/24"]},{"Name":"n"}]""", "kube-system/m@net5 demo/n@-")]
    [InlineData("[]", "")]
    public void TryParseMultusNetworks_ReadsBothSyntaxes(string value, string expected)
    {
        Assert.True(AnnotationParser.TryParseMultusNetworks(AnnotationKeys.MultusNetworks, value, "demo", out var networks, out var error), error);
        Assert.Equal(expected, string.Join(" ", networks.Select(n => $"{n.Key}@{n.Interface ?? "-"}")));
    }

    [Theory]
    [InlineData("a/b/c", "entry 0 'a/b/c' has more than one '/'; write [namespace/]name[@interface]")]
    [InlineData("a@b@c", "entry 0 'a@b@c' has more than one '@'; write [namespace/]name[@interface]")]
    [InlineData("ns/", "entry 0 'ns/' has no network name; write [namespace/]name[@interface]")]
    [InlineData("a,,b", "entry 1 is empty; write [namespace/]name[@interface] entries separated by commas")]
    [InlineData("Macvlan", "entry 0 'Macvlan': 'Macvlan' must consist of lowercase letters, digits and '-', and start and end with a letter or digit")]
    [InlineData("kube_system/m", "entry 0 'kube_system/m': 'kube_system' must consist of lowercase letters, digits and '-', and start and end with a letter or digit")]
    [InlineData("""{"name":"m"}""", """expected a list of networks like [{"name":"macvlan","namespace":"kube-system","interface":"net1"}], found an object""")]
    [InlineData("""[{"namespace":"x"}]""", "network 0: 'name' is missing; name the NetworkAttachmentDefinition")]
    [InlineData("""[{"name":5}]""", "network 0: 'name' must be a string, found a number")]
    [InlineData("[1]", "network 0 must be an object, found a number")]
    [InlineData("[", "not valid JSON (line 1, byte 2)")]
    public void TryParseMultusNetworks_InvalidForms(string value, string detail)
    {
        Assert.False(AnnotationParser.TryParseMultusNetworks(AnnotationKeys.MultusNetworks, value, "demo", out _, out var error));
        Assert.Equal($"wrong input, invalid format of Pod annotation 'k8s.v1.cni.cncf.io/networks': {detail} (value '{value}')", error);
    }

    [Fact]
    public void TryParseMultusDefaultNetwork_NamespaceLessMeansTheInstallNamespace()
    {
        Assert.True(AnnotationParser.TryParseMultusDefaultNetwork("macvlan", "spiderpool", out var network, out var error), error);
        Assert.Equal(new NetworkSelection("spiderpool", "macvlan", null), network);
    }

    [Fact]
    public void TryParseMultusDefaultNetwork_MoreThanOneNetwork_IsAnError()
    {
        Assert.False(AnnotationParser.TryParseMultusDefaultNetwork("a,b", "spiderpool", out _, out var error));
        Assert.Equal("wrong input, invalid format of Pod annotation 'v1.multus-cni.io/default-network': it must name exactly one network, found 2 (value 'a,b')", error);
    }
}
