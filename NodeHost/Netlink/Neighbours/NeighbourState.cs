namespace Spiderpool.Netlink.Neighbours;

/// <summary><c>NUD_*</c> neighbour cache states.</summary>
[Flags]
public enum NeighbourState
{
    None = 0,
    Incomplete = 0x01,
    Reachable = 0x02,
    Stale = 0x04,
    Delay = 0x08,
    Probe = 0x10,
    Failed = 0x20,
    NoArp = 0x40,

    /// <summary>Static entry: never expires and is not replaced by ARP/NDP traffic.</summary>
    Permanent = 0x80,
}
