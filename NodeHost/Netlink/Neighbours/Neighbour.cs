using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Spiderpool.Netlink.Neighbours;

/// <summary>A neighbour cache entry as the kernel reports it (RTM_NEWNEIGH in a dump).</summary>
public sealed record Neighbour(int LinkIndex, IPAddress Address)
{
    public AddressFamily Family => Address.AddressFamily;

    /// <summary>NDA_LLADDR; null while the entry is incomplete or failed.</summary>
    public PhysicalAddress? LinkLayerAddress { get; init; }

    public NeighbourState State { get; init; }

    /// <summary>ndm_flags (NTF_ROUTER = 0x80, NTF_PROXY = 0x08, ...).</summary>
    public int Flags { get; init; }
}
