namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// A "node": a network namespace holding <c>parent0</c> (one end of a veth pair, both ends up), the master of every
/// macvlan the main plugin creates, as in Deploy/demo.sh. Pods are namespaces of their own; "neighbours" are
/// namespaces with a macvlan on the same parent that hold an address and answer ARP for it (a squatter, a gateway).
/// </summary>
public sealed class CniNode : IDisposable
{
    public const string Parent = "parent0";

    private readonly NetworkNamespaces namespaces;
    private int neighbours;

    private CniNode(NetworkNamespaces namespaces, string name)
    {
        this.namespaces = namespaces;
        Name = name;
    }

    /// <summary>The node's namespace, where the main plugin runs.</summary>
    public string Name { get; }

    public NetworkNamespaces Namespaces => namespaces;

    public static async Task<CniNode> CreateAsync(string tag)
    {
        var namespaces = new NetworkNamespaces(tag);
        try
        {
            var name = await namespaces.AddAsync("node");
            await ChildProcess.CheckedAsync("ip", "-n", name, "link", "add", Parent, "type", "veth", "peer", "name", $"{Parent}-peer");
            await ChildProcess.CheckedAsync("ip", "-n", name, "link", "set", Parent, "up");
            await ChildProcess.CheckedAsync("ip", "-n", name, "link", "set", $"{Parent}-peer", "up");
            return new CniNode(namespaces, name);
        }
        catch
        {
            namespaces.Dispose();
            throw;
        }
    }

    /// <summary>A pod's sandbox: an empty namespace for the main plugin to put CNI_IFNAME into.</summary>
    public Task<string> AddPodNamespaceAsync(string suffix) => namespaces.AddAsync(suffix);

    /// <summary>
    /// A namespace with a bridge-mode macvlan on <see cref="Parent"/> holding <paramref name="cidr"/>, up: it answers
    /// ARP for that address to every pod on the same parent. Returns the namespace and the macvlan's MAC.
    /// </summary>
    public async Task<(string Netns, string Mac)> AddNeighbourAsync(string suffix, string cidr)
    {
        var netns = await namespaces.AddAsync(suffix);
        var link = $"nb{Interlocked.Increment(ref neighbours)}";
        await ChildProcess.CheckedAsync("ip", "-n", Name, "link", "add", link, "link", Parent, "type", "macvlan", "mode", "bridge");
        await ChildProcess.CheckedAsync("ip", "-n", Name, "link", "set", link, "netns", netns);
        await ChildProcess.CheckedAsync("ip", "-n", netns, "addr", "add", cidr, "dev", link);
        await ChildProcess.CheckedAsync("ip", "-n", netns, "link", "set", link, "up");
        return (netns, await NetworkNamespaces.MacAsync(netns, link));
    }

    public void Dispose() => namespaces.Dispose();
}
