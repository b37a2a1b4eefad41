using Spiderpool.Netlink.Namespaces;
using Spiderpool.Netlink.Probes;
using Xunit;

namespace Spiderpool.Tests.Unit.Netlink;

public class NetworkNamespaceArgumentTests
{
    [Fact]
    public async Task AsyncWork_IsRefusedBecauseItsContinuationsWouldLeaveTheNamespace()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => NetworkNamespace.RunAsync("/proc/self/ns/net", () => Task.CompletedTask));

        Assert.Contains("outside the namespace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void NamedNamespaceNames_MustBePlainFileNames(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => NetworkNamespace.PathOf(name));
    }

    [Fact]
    public void Paths_FollowIpNetnsAndProc()
    {
        Assert.Equal("/run/netns/pod1", NetworkNamespace.PathOf("pod1"));
        Assert.Equal("/proc/42/ns/net", NetworkNamespace.PathOfProcess(42));
    }

    [Theory]
    [InlineData(100, 3, 50)]
    [InlineData(0, 3, 1000)]
    [InlineData(100, 0, 1000)]
    public void ProbeOptions_ThatCannotMakeOneAttempt_AreRefusedBeforeAnythingIsSent(int perAttemptMs, int attempts, int overallMs)
    {
        var options = new ProbeOptions(TimeSpan.FromMilliseconds(perAttemptMs), attempts, TimeSpan.FromMilliseconds(overallMs));

        var error = Assert.Throws<ArgumentException>(() => NeighbourProbe.CheckConflict("eth0", System.Net.IPAddress.Parse("10.0.0.1"), options));

        Assert.Contains("probe timing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbeOptions_Defaults_AreSpiderpools()
    {
        Assert.Equal(new ProbeOptions(TimeSpan.FromMilliseconds(100), 3, TimeSpan.FromSeconds(1)), ProbeOptions.Conflict);
        Assert.Equal(new ProbeOptions(TimeSpan.FromMilliseconds(100), 3, TimeSpan.FromMilliseconds(500)), ProbeOptions.Gateway);
    }
}
