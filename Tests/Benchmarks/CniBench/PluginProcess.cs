using System.Diagnostics;

namespace Spiderpool.Tests.CniBench;

/// <summary>
/// Runs a CNI plugin binary as a runtime does: a fresh process with CNI_* variables and the network config on stdin.
/// The time is the whole process, start to exit, since that is what a pod's sandbox waits for.
/// </summary>
internal static class PluginProcess
{
    public static async Task<Invocation> RunAsync(string binary, IReadOnlyDictionary<string, string> environment, byte[] stdin)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var begin = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // host-local answers VERSION without reading stdin and may be gone before the write: not a failure.
        }
        await process.WaitForExitAsync();
        var output = await stdout;
        _ = await stderr;
        return new Invocation(process.ExitCode == 0, Stopwatch.GetElapsedTime(begin).TotalMilliseconds, output);
    }
}
