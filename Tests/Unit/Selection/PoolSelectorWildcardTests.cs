using Spiderpool.Grains.Interfaces.Selection;
using Xunit;
using static Spiderpool.Tests.Unit.Selection.SelectionFixture;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.3.1: wildcards in ranks 2–5 expand to the index's pools of that family, in ordinal name order.</summary>
public sealed class PoolSelectorWildcardTests
{
    private static readonly PoolIndexEntry[] Named =
    [
        V4("web-2"), V4("web-10"), V4("web-1"), V4("db-1"), V4("web-x"),
        V6("web-6"), V4("dflt") with { Default = true },
    ];

    public static TheoryData<string, PodContext, string> Rows => new()
    {
        { "a star expands to every pool of the family it matches, in ordinal name order", Pod(annotations: IpPool("""{"ipv4":["web-*"]}""")), "eth0 v4[web-1, web-10, web-2, web-x] v6[]" },
        { "a question mark matches exactly one character", Pod(annotations: IpPool("""{"ipv4":["web-?"]}""")), "eth0 v4[web-1, web-2, web-x] v6[]" },
        { "a character class matches one listed character", Pod(annotations: IpPool("""{"ipv4":["web-[12]"]}""")), "eth0 v4[web-1, web-2] v6[]" },
        { "a negated character range excludes its characters", Pod(annotations: IpPool("""{"ipv4":["web-[^0-9]"]}""")), "eth0 v4[web-x] v6[]" },
        { "a wildcard only matches pools of the family it is listed for", Pod(annotations: IpPool("""{"ipv6":["web-*"]}""")), "eth0 v4[] v6[web-6]" },
        { "literal names keep their place and a wildcard does not bring them in twice", Pod(annotations: IpPool("""{"ipv4":["web-2","web-*","db-1"]}""")), "eth0 v4[web-2, web-1, web-10, web-x, db-1] v6[]" },
        { "a literal already brought in by an earlier wildcard keeps the wildcard's position", Pod(annotations: IpPool("""{"ipv4":["web-?","web-1"]}""")), "eth0 v4[web-1, web-2, web-x] v6[]" },
        { "wildcards work in ippools items", Pod(annotations: new() { [Grains.Selection.AnnotationKeys.PodIpPools] = """[{"interface":"eth0","ipv4":["db-*"]}]""" }), "eth0 v4[db-1] v6[]" },
        { "wildcards work in Namespace defaults", Pod(namespaceAnnotations: new() { [Grains.Selection.AnnotationKeys.NamespaceDefaultIpv4IpPool] = """["web-1?"]""" }), "eth0 v4[web-10] v6[]" },
        { "wildcards work in the CNI configuration", Pod(ipam: new() { DefaultIpv4IpPool = ["d*"] }), "eth0 v4[db-1, dflt] v6[]" },
        {
            "a wildcard matching nothing leaves the family without candidates, which is an error",
            Pod(annotations: IpPool("""{"ipv4":["cache-*","x?"]}""")),
            "error: no IPv4 IPPool matches 'cache-*', 'x?' listed for interface eth0 in Pod annotation 'ipam.spidernet.io/ippool'"
        },
        {
            "a malformed wildcard is an error naming it",
            Pod(annotations: IpPool("""{"ipv4":["web-[]"]}""")),
            "error: the IPv4 IPPool wildcard 'web-[]' for interface eth0 in Pod annotation 'ipam.spidernet.io/ippool' is malformed: the character class starting at position 5 "
            + "has an unescaped ']' where a character is expected (a class lists at least one character; escape '-' and ']' with '\\')"
        },
        {
            "a name with '[' but no ']' is a literal name, and missing",
            Pod(annotations: IpPool("""{"ipv4":["web-["]}""")),
            "error: IPv4 IPPool 'web-[' listed for interface eth0 in Pod annotation 'ipam.spidernet.io/ippool' does not exist"
        },
        {
            "the same wildcard listed twice is an error",
            Pod(annotations: IpPool("""{"ipv4":["web-*","web-*"]}""")),
            "error: IPv4 IPPool 'web-*' is listed twice for interface eth0 in Pod annotation 'ipam.spidernet.io/ippool'"
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Select_ExpandsWildcards(string rule, PodContext pod, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(expected, Select(pod, Named));
    }
}
