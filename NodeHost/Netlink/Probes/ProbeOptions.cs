namespace Spiderpool.Netlink.Probes;

/// <summary>
/// Probe timing: each attempt sends one request and waits up to <see cref="PerAttempt"/> for the answer; at most
/// <see cref="Attempts"/> attempts, and never past <see cref="Overall"/> from the start.
/// </summary>
public sealed record ProbeOptions(TimeSpan PerAttempt, int Attempts, TimeSpan Overall)
{
    /// <summary>Spiderpool's IP conflict check: 100 ms per attempt, 3 attempts, at most 1 s.</summary>
    public static ProbeOptions Conflict { get; } = new(TimeSpan.FromMilliseconds(100), 3, TimeSpan.FromSeconds(1));

    /// <summary>Spiderpool's gateway reachability check: 100 ms per attempt, 3 attempts, at most 500 ms.</summary>
    public static ProbeOptions Gateway { get; } = new(TimeSpan.FromMilliseconds(100), 3, TimeSpan.FromMilliseconds(500));

    internal void Validate()
    {
        if (PerAttempt <= TimeSpan.Zero || Overall < PerAttempt || Attempts < 1)
        {
            throw new ArgumentException($"probe timing {this} is invalid; use a positive per-attempt time, an overall time at least that long, and at least one attempt");
        }
    }
}
