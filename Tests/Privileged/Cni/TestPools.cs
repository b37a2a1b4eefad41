namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The pools every CNI test NodeHost loads from its manifests folder. Each test class has a NodeHost (and so a silo)
/// of its own, and each test that counts on lowest-free-first order has a pool of its own, so "the next address" is
/// known in advance and no other test can take it.
/// </summary>
public static class TestPools
{
    public static TestPool Chain { get; } = V4("chain-v4", 71);

    public static TestPool VersionsV4 { get; } = V4("versions-v4", 72);

    public static TestPool VersionsV6 { get; } = new("versions-v6", "fd00:72::/64", "fd00:72::10", "fd00:72::60", "fd00:72::1");

    public static TestPool Gc { get; } = V4("gc-v4", 73);

    public static TestPool Concurrent { get; } = V4("concurrent-v4", 74);

    public static TestPool Conflict { get; } = V4("conflict-v4", 75);

    public static TestPool Gateway { get; } = V4("gateway-v4", 76);

    public static TestPool Outage { get; } = V4("outage-v4", 77);

    public static TestPool Malformed { get; } = V4("malformed-v4", 78);

    public static TestPool Direct { get; } = V4("direct-v4", 79);

    public static TestPool Standalone { get; } = V4("standalone-v4", 80);

    public static TestPool Podman { get; } = V4("podman-v4", 81);

    public static TestPool Containerd { get; } = V4("containerd-v4", 82);

    public static IReadOnlyList<TestPool> All { get; } =
        [Chain, VersionsV4, VersionsV6, Gc, Concurrent, Conflict, Gateway, Outage, Malformed, Direct, Standalone, Podman, Containerd];

    /// <summary>Writes every pool as SpiderIPPool YAML (the format of Deploy/samples/ippools.yaml) into <paramref name="directory"/>.</summary>
    public static string WriteManifests(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "ippools.yaml"), string.Join("\n---\n", All.Select(p => p.Yaml())) + "\n");
        return directory;
    }

    private static TestPool V4(string name, int octet) => new(name, $"10.{octet}.0.0/24", $"10.{octet}.0.10", $"10.{octet}.0.60", $"10.{octet}.0.1");
}
