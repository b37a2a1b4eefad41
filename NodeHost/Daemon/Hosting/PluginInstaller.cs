using Microsoft.Extensions.Options;

namespace Spiderpool.NodeHost.Hosting;

/// <summary>
/// Copies the CNI plugin binary into the node's CNI bin directory at start, as the DaemonSet's init step does
/// upstream. The copy goes to a temporary name first and is renamed over the old file, so a container runtime
/// never executes a half-written plugin.
/// </summary>
internal sealed partial class PluginInstaller(IOptions<NodeHostOptions> options, ILogger<PluginInstaller> logger) : IHostedService
{
    public const string PluginName = "spiderpool";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.CniBinDir))
        {
            return Task.CompletedTask;
        }

        var source = string.IsNullOrEmpty(settings.PluginSource) ? Path.Combine(AppContext.BaseDirectory, PluginName) : settings.PluginSource;
        if (!File.Exists(source))
        {
            LogMissing(source, settings.CniBinDir);
            return Task.CompletedTask;
        }

        Install(source, settings.CniBinDir);
        LogInstalled(source, settings.CniBinDir);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Install(string source, string binDir)
    {
        Directory.CreateDirectory(binDir);
        var target = Path.Combine(binDir, PluginName);
        var temporary = Path.Combine(binDir, $".{PluginName}.{Environment.ProcessId}.tmp");
        File.Copy(source, temporary, overwrite: true);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed CNI plugin {Source} into {BinDir}")]
    private partial void LogInstalled(string source, string binDir);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CNI plugin {Source} not found, nothing installed into {BinDir}; publish Cni/Plugin next to NodeHost or set NodeHost:PluginSource")]
    private partial void LogMissing(string source, string binDir);
}
