using System.Globalization;
using System.Text;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// The plugin's log: one line per event in <c>ipam.log_file_path</c>, rotated by size when an invocation opens it.
/// Never stdout (that is the runtime's result channel); when the file cannot be written, stderr instead.
/// </summary>
internal sealed class PluginLog : IDisposable
{
    private readonly AppendOnlyFile? file;
    private readonly Stream? stderr;
    private readonly PluginLogLevel level;
    private readonly string context;

    private PluginLog(AppendOnlyFile? file, Stream? stderr, PluginLogLevel level, string context)
    {
        this.file = file;
        this.stderr = stderr;
        this.level = level;
        this.context = context;
    }

    /// <summary>Opens the configured log file (creating its directory, rotating it if full), or falls back to stderr.</summary>
    /// <param name="context">Prefix of every line, e.g. the verb, container and interface.</param>
    public static PluginLog Open(IpamConfig ipam, Stream stderr, string context)
    {
        ArgumentNullException.ThrowIfNull(ipam);
        var path = ipam.LogFilePath;
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
            RotateIfFull(path, ipam.LogFileMaxSizeMb * 1024L * 1024L, ipam.LogFileMaxCount);
            return new PluginLog(AppendOnlyFile.Open(path), null, ipam.LogLevel, context);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
        {
            var log = new PluginLog(null, stderr, ipam.LogLevel, context);
            log.Warn($"cannot write the log file {path} ({e.Message}); logging to stderr instead");
            return log;
        }
    }

    public void Debug(string message) => Write(PluginLogLevel.Debug, message);

    public void Info(string message) => Write(PluginLogLevel.Info, message);

    public void Warn(string message) => Write(PluginLogLevel.Warn, message);

    public void Error(string message) => Write(PluginLogLevel.Error, message);

    public void Dispose() => file?.Dispose();

    private void Write(PluginLogLevel messageLevel, string message)
    {
        if (messageLevel < level)
            return;

        // One line per event, so concurrent invocations interleave whole lines only.
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Name(messageLevel),-5} {context}: {message.ReplaceLineEndings(" ")}\n");
        var bytes = Encoding.UTF8.GetBytes(line);
        try
        {
            if (file is not null)
            {
                file.Append(bytes);
            }
            else
            {
                stderr!.Write(bytes);
                stderr.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Losing a log line must never fail the CNI operation.
        }
    }

    /// <summary>
    /// <c>log</c> → <c>log.1</c> → ... → <c>log.N</c>, dropping the oldest. Checked once per invocation, so the file can
    /// exceed the limit by the lines of the invocations running at that moment. Races with a concurrent rotation at
    /// worst lose a rotated file, never the current lines.
    /// </summary>
    private static void RotateIfFull(string path, long maxBytes, int maxCount)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length < maxBytes)
            return;

        try
        {
            File.Delete($"{path}.{maxCount}");
            for (var i = maxCount - 1; i >= 1; i--)
            {
                if (File.Exists($"{path}.{i}"))
                    File.Move($"{path}.{i}", $"{path}.{i + 1}", overwrite: true);
            }

            File.Move(path, $"{path}.1", overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another invocation rotated at the same moment; its rotation stands.
        }
    }

    private static string Name(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Debug => "DEBUG",
        PluginLogLevel.Info => "INFO",
        PluginLogLevel.Warn => "WARN",
        _ => "ERROR",
    };
}
