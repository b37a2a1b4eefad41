namespace Spiderpool.Netlink.Probes;

/// <summary>What a probe found.</summary>
public enum ProbeOutcome
{
    /// <summary>Nobody answered for the address: it is not in use on the link.</summary>
    Free,

    /// <summary>Another host answered for the address: it is in use (see <see cref="ProbeResult.RemoteMac"/>).</summary>
    Conflict,

    /// <summary>The gateway answered.</summary>
    Reachable,

    /// <summary>The gateway did not answer within the deadline.</summary>
    Unreachable,
}
