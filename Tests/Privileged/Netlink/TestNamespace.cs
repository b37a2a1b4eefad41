using Spiderpool.Netlink;
using Spiderpool.Netlink.Namespaces;

namespace Spiderpool.Tests.Privileged.Netlink;

/// <summary>
/// A named network namespace created for one test (unique name, loopback up) with a netlink client bound inside
/// it; disposing deletes the namespace, and with it every link the test left there.
/// </summary>
internal sealed class TestNamespace : IAsyncDisposable
{
    private TestNamespace(string name, string path, RtNetlinkClient netlink)
    {
        Name = name;
        Path = path;
        Netlink = netlink;
    }

    public string Name { get; }

    public string Path { get; }

    /// <summary>A client whose socket lives in this namespace (usable from any thread).</summary>
    public RtNetlinkClient Netlink { get; }

    public static async Task<TestNamespace> CreateAsync(string role)
    {
        Root.Require();
        var name = $"sptest-{role}-{Guid.NewGuid().ToString("N")[..8]}";
        var path = await NetworkNamespace.CreateNamedAsync(name);
        try
        {
            var netlink = await NetworkNamespace.OpenNetlinkAsync(path);
            netlink.SetLinkUp("lo");
            return new TestNamespace(name, path, netlink);
        }
        catch
        {
            NetworkNamespace.DeleteNamed(name);
            throw;
        }
    }

    /// <summary>A short unique link name (at most 15 bytes), so parallel tests and leftovers never collide.</summary>
    public static string LinkName(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..6]}";

    public ValueTask DisposeAsync()
    {
        Netlink.Dispose();
        NetworkNamespace.DeleteNamed(Name);
        return ValueTask.CompletedTask;
    }
}
