using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.9: a custom route goes to the NIC whose allocated subnet contains its gateway.</summary>
public sealed class RouteAttacherTests
{
    private static readonly WorkloadNic[] Nics =
    [
        new() { IfName = "eth0", V4 = new NicAddress("p4", IpAddr.Parse("10.0.0.5"), 24, "10.0.0.1"), V6 = new NicAddress("p6", IpAddr.Parse("fd00::5"), 64, null) },
        new() { IfName = "net1", V4 = new NicAddress("q4", IpAddr.Parse("192.168.1.10"), 24, null) },
        new() { IfName = "net2", V4 = new NicAddress("r4", IpAddr.Parse("192.168.0.10"), 16, null) },
    ];

    private static CustomRoute Route(string dst, string gw) => new(IpCidr.Parse(dst), IpAddr.Parse(gw));

    [Theory]
    [InlineData("172.16.0.0/16", "192.168.1.1", "net1")]
    [InlineData("172.16.0.0/16", "10.0.0.254", "eth0")]
    [InlineData("fd10::/64", "fd00::1", "eth0")]
    [InlineData("172.16.0.0/16", "192.168.7.1", "net2")]
    [InlineData("172.16.0.0/16", "172.31.0.1", null)]
    [InlineData("fd10::/64", "fd01::1", null)]
    public void Attach_PicksTheNicWhoseSubnetHoldsTheGateway(string dst, string gw, string? expected)
    {
        var attachment = RouteAttacher.Attach([Route(dst, gw)], Nics);

        Assert.Equal(expected is null ? [] : [expected], attachment.ByInterface.Keys);
        Assert.Equal(expected is null ? 1 : 0, attachment.Unmatched.Count);
    }

    [Fact]
    public void Attach_WhenSubnetsOverlap_TheFirstNicWins_AndOrderIsKept()
    {
        var attachment = RouteAttacher.Attach(
            [Route("172.16.0.0/16", "192.168.1.1"), Route("172.17.0.0/16", "10.0.0.1"), Route("172.18.0.0/16", "192.168.1.2")],
            Nics);

        Assert.Equal([new NicRoute("172.16.0.0/16", "192.168.1.1"), new NicRoute("172.18.0.0/16", "192.168.1.2")], attachment.For("net1"));
        Assert.Equal([new NicRoute("172.17.0.0/16", "10.0.0.1")], attachment.For("eth0"));
        Assert.Empty(attachment.For("net2"));
        Assert.Empty(attachment.Unmatched);
    }
}
