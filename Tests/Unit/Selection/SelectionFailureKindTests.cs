using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;
using static Spiderpool.Tests.Unit.Selection.SelectionFixture;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>
/// Every way selection can fail says which kind it is, so the allocator maps it to the CNI error code without reading
/// the message (malformed input → invalid request; nothing can serve it → allocation failed).
/// </summary>
public sealed class SelectionFailureKindTests
{
    public static TheoryData<string, PodContext, SelectionSettings?, SelectionFailure> Cases => new()
    {
        { "a selection that works has no failure", Pod(), null, SelectionFailure.None },
        { "an empty CNI_IFNAME", Pod(ifName: ""), null, SelectionFailure.InvalidInput },
        { "a malformed ippool annotation", Pod(annotations: IpPool("""{"ipv4":"v4-a"}""")), null, SelectionFailure.InvalidInput },
        { "malformed routes", Pod(annotations: new() { [AnnotationKeys.PodRoutes] = "[{}]" }), null, SelectionFailure.InvalidInput },
        { "a malformed Multus networks annotation", Pod(annotations: new() { [AnnotationKeys.MultusNetworks] = "a/b/c" }), null, SelectionFailure.InvalidInput },
        { "a malformed Namespace default", Pod(namespaceAnnotations: new() { [AnnotationKeys.NamespaceDefaultIpv4IpPool] = "x" }), null, SelectionFailure.InvalidInput },
        { "an empty pool name in the CNI configuration", Pod(ipam: new() { DefaultIpv4IpPool = [""] }), null, SelectionFailure.InvalidInput },
        { "a pool listed twice", Pod(annotations: IpPool("""{"ipv4":["v4-a","v4-a"]}""")), null, SelectionFailure.InvalidInput },
        { "a malformed wildcard", Pod(annotations: IpPool("""{"ipv4":["v4-*\\"]}""")), null, SelectionFailure.InvalidInput },
        { "a wildcard that matches no pool", Pod(annotations: IpPool("""{"ipv4":["zz-*"]}""")), null, SelectionFailure.NoCandidate },
        { "a named pool that does not exist", Pod(annotations: IpPool("""{"ipv4":["nope"]}""")), null, SelectionFailure.NoCandidate },
        { "every candidate filtered out", Pod(annotations: IpPool("""{"ipv4":["v4-disabled"]}""")), null, SelectionFailure.NoCandidate },
        { "both families disabled", Pod(), Settings with { EnableIpv4 = false, EnableIpv6 = false }, SelectionFailure.NoCandidate },
        { "only a disabled family listed", Pod(annotations: IpPool("""{"ipv6":["v6-a"]}""")), Settings with { EnableIpv6 = false }, SelectionFailure.NoCandidate },
        {
            "no rule and no default pool",
            Pod(), null, SelectionFailure.NoCandidate
        },
        {
            "a SpiderSubnet auto pool",
            Pod(annotations: new() { [AnnotationKeys.PodSubnet] = """{"ipv4":["subnet-a"]}""" }),
            Settings with { EnableSpiderSubnet = true, EnableAutoPoolForApplication = true }, SelectionFailure.Unsupported
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_has_its_kind(string because, PodContext pod, SelectionSettings? settings, SelectionFailure expected)
    {
        // "no rule and no default pool" needs an index without default pools.
        var pools = because.StartsWith("no rule", StringComparison.Ordinal) ? [V4("v4-a")] : StandardPools;
        var result = PoolSelector.Select(pod, pools, settings ?? Settings);

        Assert.True(expected == result.Failure, $"{because}: expected {expected}, got {result.Failure} ({result.Error})");
        Assert.Equal(expected == SelectionFailure.None, result.Succeeded);
    }
}
