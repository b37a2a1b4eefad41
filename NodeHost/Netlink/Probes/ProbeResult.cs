using System.Net.NetworkInformation;

namespace Spiderpool.Netlink.Probes;

/// <summary>The result of a conflict or gateway probe.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="RemoteMac">The MAC of the host that answered (the conflicting holder or the gateway), or null.</param>
/// <param name="Attempts">Requests sent before the answer or the deadline.</param>
/// <param name="Elapsed">Time from the first request to the answer or the deadline.</param>
public sealed record ProbeResult(ProbeOutcome Outcome, PhysicalAddress? RemoteMac, int Attempts, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Outcome}{(RemoteMac is { } mac ? $" ({MacText.Format(mac)})" : string.Empty)} after {Attempts} attempt(s), {Elapsed.TotalMilliseconds:0} ms";
}
