using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// A long-running child process (NodeHost, a silo) started with <c>dotnet DLL</c>: its output is kept for assertion
/// messages and written to a log file, and it is stopped by its own PID (SIGKILL: the tests either want a crash or
/// are cleaning up, and neither needs a graceful shutdown).
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    private const int KeptLines = 2000;

    private readonly string name;
    private readonly string dll;
    private readonly IReadOnlyList<string> arguments;
    private readonly string logPath;
    private readonly Queue<string> lines = new();
    private readonly Lock sync = new();
    private Process? process;

    public DaemonProcess(string name, string dll, IReadOnlyList<string> arguments, string logPath)
    {
        this.name = name;
        this.dll = dll;
        this.arguments = arguments;
        this.logPath = logPath;
    }

    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The exit code if it has exited (a daemon that exits by itself failed to start).</summary>
    public int? ExitCode => process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>A TCP port on loopback that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Start(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (IsRunning)
        {
            throw new InvalidOperationException($"{name} is already running (PID {Pid})");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Append($"---- {name} starting: dotnet {dll} {string.Join(' ', arguments)}");
        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL by PID, then waits for the exit; nothing happens if it is not running.</summary>
    public void Kill()
    {
        if (process is { HasExited: false } p)
        {
            Append($"---- {name} (PID {p.Id}) killed by the test");
            p.Kill();
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    public string Tail(int count = 40)
    {
        lock (sync)
        {
            return $"{name} log ({logPath}), last lines:\n" + string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)));
        }
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sync)
        {
            lines.Enqueue(line);
            if (lines.Count > KeptLines)
            {
                lines.Dequeue();
            }

            File.AppendAllText(logPath, line + "\n");
        }
    }
}
