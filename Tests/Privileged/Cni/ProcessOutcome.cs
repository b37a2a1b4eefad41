namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>How a child process ended: exit code, everything it wrote, and how long it ran.</summary>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>For assertion messages: enough to see what went wrong without rerunning.</summary>
    public string Describe() => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms; stdout: {Stdout.Trim()}; stderr: {Stderr.Trim()}";
}
