using System.Text.Json.Nodes;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Named network namespaces (<c>ip netns</c>, so CNI_NETNS is <c>/run/netns/NAME</c>) and the few <c>ip</c> queries the
/// tests make. Every namespace made here is deleted by <see cref="Dispose"/>; names carry a per-instance tag so that
/// parallel test runs never meet.
/// </summary>
public sealed class NetworkNamespaces : IDisposable
{
    private readonly List<string> created = [];
    private readonly Lock sync = new();

    public NetworkNamespaces(string tag) => Tag = tag;

    public string Tag { get; }

    public static string PathOf(string name) => $"/run/netns/{name}";

    public async Task<string> AddAsync(string suffix)
    {
        var name = $"{Tag}-{suffix}";
        await ChildProcess.CheckedAsync("ip", "netns", "add", name);
        lock (sync)
        {
            created.Add(name);
        }

        return name;
    }

    /// <summary>Deletes one namespace now (a pod whose sandbox is gone); deleting it again later is harmless.</summary>
    public static async Task DeleteAsync(string name) => await ChildProcess.RunAsync("ip", ["netns", "del", name]);

    /// <summary>The addresses (CIDR) on <paramref name="device"/> in <paramref name="netns"/>; empty when the device does not exist.</summary>
    public static async Task<IReadOnlyList<string>> AddressesAsync(string netns, string device)
    {
        var outcome = await ChildProcess.RunAsync("ip", ["-n", netns, "-j", "addr", "show", "dev", device]);
        if (outcome.ExitCode != 0)
        {
            return [];
        }

        return (JsonNode.Parse(outcome.Stdout)?.AsArray() ?? [])
            .SelectMany(link => link?["addr_info"]?.AsArray() ?? [])
            .Where(a => a?["scope"]?.GetValue<string>() == "global")
            .Select(a => $"{a!["local"]!.GetValue<string>()}/{a["prefixlen"]!.GetValue<int>()}")
            .ToList();
    }

    public static async Task<bool> LinkExistsAsync(string netns, string device) =>
        (await ChildProcess.RunAsync("ip", ["-n", netns, "link", "show", "dev", device])).ExitCode == 0;

    public static async Task<string> MacAsync(string netns, string device)
    {
        var json = await ChildProcess.CheckedAsync("ip", "-n", netns, "-j", "link", "show", "dev", device);
        return JsonNode.Parse(json)![0]!["address"]!.GetValue<string>();
    }

    public void Dispose()
    {
        List<string> names;
        lock (sync)
        {
            names = [.. created];
            created.Clear();
        }

        // Newest first: pods and neighbours before the node namespace that held their parent link.
        foreach (var name in Enumerable.Reverse(names))
        {
            DeleteAsync(name).GetAwaiter().GetResult();
        }
    }
}
