namespace Spiderpool.Cni.Plugin;

/// <summary>The CNI specification versions this plugin speaks and which verbs each allows.</summary>
internal static class CniVersions
{
    /// <summary>The newest version; used for output when the config's version is unknown.</summary>
    public const string Latest = "1.1.0";

    /// <summary>Oldest first. 0.1.0/0.2.0 are left out: their result shape (ip4/ip6 objects) predates chaining.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="version"/> (supported) is at least <paramref name="minimum"/> (supported).</summary>
    public static bool IsAtLeast(string version, string minimum) => IndexOf(version) >= IndexOf(minimum);

    /// <summary>The oldest config version that allows the verb: CHECK came with 0.4.0, STATUS and GC with 1.1.0.</summary>
    public static string? MinimumFor(CniCommand command) => command switch
    {
        CniCommand.Check => "0.4.0",
        CniCommand.Status or CniCommand.Gc => "1.1.0",
        _ => null,
    };

    /// <summary>0.3.x and 0.4.0 results carry <c>ips[].version</c>; 1.0.0 removed it.</summary>
    public static bool ResultHasIpVersion(string version) => !IsAtLeast(version, "1.0.0");

    private static int IndexOf(string version)
    {
        for (var i = 0; i < Supported.Count; i++)
        {
            if (string.Equals(Supported[i], version, StringComparison.Ordinal))
                return i;
        }

        throw new ArgumentException($"'{version}' is not a supported CNI version", nameof(version));
    }
}
