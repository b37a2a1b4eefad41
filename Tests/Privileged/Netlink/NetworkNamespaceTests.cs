using Spiderpool.Netlink;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Namespaces;
using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

public class NetworkNamespaceTests
{
    private static string CurrentThreadNamespace() => new FileInfo(NetworkNamespace.CurrentThreadPath).LinkTarget!;

    [Fact]
    public async Task RunAsync_RunsInsideTheNamespaceOnAnotherThreadAndLeavesTheCallerAlone()
    {
        await using var ns = await TestNamespace.CreateAsync("run");
        var before = CurrentThreadNamespace();
        var callerThread = Environment.CurrentManagedThreadId;

        var (inside, thread) = await NetworkNamespace.RunAsync(ns.Path, () => (CurrentThreadNamespace(), Environment.CurrentManagedThreadId));
        var again = await NetworkNamespace.RunAsync(ns.Path, CurrentThreadNamespace);

        Assert.NotEqual(before, inside);
        Assert.Equal(inside, again);
        Assert.NotEqual(callerThread, thread);
        Assert.Equal(before, CurrentThreadNamespace());
        Assert.Equal(0, NamespaceThread.RestoreFailures);
    }

    [Fact]
    public async Task RunAsync_PropagatesTheWorksException()
    {
        await using var ns = await TestNamespace.CreateAsync("run");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NetworkNamespace.RunAsync<int>(ns.Path, () => throw new InvalidOperationException("inside")));

        Assert.Equal("inside", error.Message);
    }

    [Fact]
    public async Task RunAsync_IntoAMissingNamespace_SaysWhichPath()
    {
        Root.Require();

        var error = await Assert.ThrowsAsync<SystemCallException>(() => NetworkNamespace.RunAsync("/run/netns/sptest-missing", () => 1));

        Assert.Equal("open network namespace '/run/netns/sptest-missing': ENOENT (no such file or directory)", error.Message);
    }

    [Fact]
    public async Task ANetlinkSocketOpenedInside_KeepsTalkingToThatNamespaceFromAnyThread()
    {
        await using var ns = await TestNamespace.CreateAsync("sock");
        var veth = TestNamespace.LinkName("v");

        using var client = await NetworkNamespace.OpenNetlinkAsync(ns.Path);
        await Task.Yield();
        client.AddLink(new VethLinkSpec(veth, TestNamespace.LinkName("p")));

        var names = await Task.Run(() => client.ListLinks().Select(l => l.Name).ToList());
        Assert.Contains(veth, names);
        using var here = RtNetlinkClient.Open();
        Assert.Null(here.FindLink(veth));
    }

    [Fact]
    public async Task NamedNamespaces_AreCreatedOnceAndDeletingAMissingOneSucceeds()
    {
        Root.Require();
        var name = $"sptest-named-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            var path = await NetworkNamespace.CreateNamedAsync(name);

            Assert.Equal($"/run/netns/{name}", path);
            Assert.Contains(name, IpCommand.Run("netns list"), StringComparison.Ordinal);
            var duplicate = await Assert.ThrowsAsync<SystemCallException>(() => NetworkNamespace.CreateNamedAsync(name));
            Assert.Equal("EEXIST", duplicate.ErrnoName);
            Assert.Contains("already exists", duplicate.Message, StringComparison.Ordinal);

            Assert.True(NetworkNamespace.DeleteNamed(name));
            Assert.False(NetworkNamespace.DeleteNamed(name));
            Assert.DoesNotContain(name, IpCommand.Run("netns list"), StringComparison.Ordinal);
        }
        finally
        {
            NetworkNamespace.DeleteNamed(name);
        }
    }

    [Fact]
    public async Task ANamespaceCreatedHere_IsUsableByIproute2()
    {
        await using var ns = await TestNamespace.CreateAsync("ip");

        IpCommand.Run($"-n {ns.Name} link add sptestd0 type veth peer name sptestd1");

        Assert.NotNull(ns.Netlink.FindLink("sptestd0"));
    }
}
