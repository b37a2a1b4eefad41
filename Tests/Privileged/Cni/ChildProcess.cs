using System.Diagnostics;
using System.Text;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>Runs a program to completion with a given environment and stdin, and returns its outcome.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="file"/>; <paramref name="environment"/> adds or (with a null value) removes variables.
    /// Every inherited CNI_* variable is removed first, so an environment test cannot pass because of the test host's.
    /// A process still running after <paramref name="timeout"/> is killed by its PID and reported as exit -1.
    /// </summary>
    public static async Task<ProcessOutcome> RunAsync(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        byte[]? stdin = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is { Length: > 0 })
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading stdin (e.g. it refused the environment first); that is its answer.
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProcessOutcome(-1, await stdout, await stderr + $"\n(killed after {watch.Elapsed.TotalSeconds:F0} s)", watch.Elapsed);
        }

        return new ProcessOutcome(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    /// <summary>Runs a command that must succeed (setup steps such as <c>ip netns add</c>); throws with its output otherwise.</summary>
    public static async Task<string> CheckedAsync(string file, params string[] arguments)
    {
        var outcome = await RunAsync(file, arguments);
        return outcome.ExitCode == 0
            ? outcome.Stdout
            : throw new InvalidOperationException($"`{file} {string.Join(' ', arguments)}` failed: {outcome.Describe()}");
    }

    /// <summary>Bytes of a UTF-8 string for stdin.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
