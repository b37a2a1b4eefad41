namespace Spiderpool.Cni.Plugin;

/// <summary>Timeouts of the calls to NodeHost; tests shorten them.</summary>
internal sealed record PluginOptions
{
    public static PluginOptions Default { get; } = new();

    /// <summary>Connecting to the unix socket: short, so a dead daemon gives code 11 quickly.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>ADD, DEL, CHECK and GC, whole request: Spiderpool's 100 s (an allocation may wait for probes).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>STATUS: runtimes poll it, and a daemon that needs longer to say it is healthy is not.</summary>
    public TimeSpan StatusTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
