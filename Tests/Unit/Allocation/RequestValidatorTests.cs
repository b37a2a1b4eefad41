using Spiderpool.Grains.Allocation;
using Spiderpool.Grains.Interfaces.Allocation;
using Xunit;

namespace Spiderpool.Tests.Unit.Allocation;

public sealed class RequestValidatorTests
{
    private static readonly AllocationRequest Valid = new()
    {
        PodNamespace = "demo",
        PodName = "web-0",
        PodUid = "uid",
        ContainerId = "c1",
        Interfaces = [new InterfaceRequest { IfName = "eth0", V4Pools = ["a", "b"], V6Pools = ["c"] }],
    };

    [Fact]
    public void Validate_WellFormedRequest_ReturnsNull() => Assert.Null(RequestValidator.Validate(Valid));

    public static TheoryData<AllocationRequest, string> Invalid => new()
    {
        { Valid with { PodName = "" }, "the pod namespace and name are required (K8S_POD_NAMESPACE and K8S_POD_NAME in CNI_ARGS)" },
        { Valid with { PodNamespace = "a/b" }, "pod namespace 'a/b' and name 'web-0' must not contain '/'" },
        { Valid with { ContainerId = "" }, "the container id is required (CNI_CONTAINERID)" },
        { Valid with { Interfaces = [] }, "the request names no interface" },
        { Valid with { Interfaces = [new InterfaceRequest { V4Pools = ["a"] }] }, "an interface has no name (CNI_IFNAME)" },
        { Valid with { Interfaces = [new InterfaceRequest { IfName = "eth0" }] }, "interface 'eth0' has no candidate pool for IPv4 or IPv6" },
        { Valid with { Interfaces = [new InterfaceRequest { IfName = "eth0", V4Pools = ["a"] }, new InterfaceRequest { IfName = "eth0", V4Pools = ["b"] }] }, "interface 'eth0' is listed twice" },
        { Valid with { Interfaces = [new InterfaceRequest { IfName = "eth0", V4Pools = ["a", "a"] }] }, "interface 'eth0': IPv4 pool 'a' is listed twice" },
        { Valid with { Interfaces = [new InterfaceRequest { IfName = "eth0", V6Pools = ["bad name"] }] }, "interface 'eth0': 'bad name' is not a valid IPv6 pool name" },
        { Valid with { Interfaces = [new InterfaceRequest { IfName = "eth0", V4Pools = ["a"], V6Pools = ["a"] }] }, "interface 'eth0': pool 'a' is listed for both IPv4 and IPv6; a pool has one family" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_MalformedRequest_SaysWhatToFix(AllocationRequest request, string expected) =>
        Assert.Equal(expected, RequestValidator.Validate(request));
}
