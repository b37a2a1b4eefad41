using System.Net.Sockets;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Neighbours;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink;

/// <summary>Neighbour (ARP/NDP cache) operations (RTM_*NEIGH).</summary>
public sealed partial class RtNetlinkClient
{
    /// <summary>Adds the entry; EEXIST if the link already has one for the address (NLM_F_EXCL).</summary>
    public void AddNeighbour(NeighbourSpec spec) => NewNeighbour(spec, replace: false);

    /// <summary>Adds the entry or overwrites the existing one (<c>ip neigh replace</c>).</summary>
    public void ReplaceNeighbour(NeighbourSpec spec) => NewNeighbour(spec, replace: true);

    /// <summary>Deletes the entry. Returns false if it was already gone (ENOENT) or its link is gone (ENODEV).</summary>
    public bool DeleteNeighbour(NeighbourSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            var index = ResolveIndex(spec.Link);
            if (index == 0)
            {
                return false;
            }

            NeighbourRequests.Delete(_builder, spec, index);
            var ack = Acknowledge();
            if (ack.Errno is Errno.ENOENT or Errno.ENODEV)
            {
                return false;
            }

            if (!ack.IsSuccess)
            {
                ThrowFailed(ack, $"RTM_DELNEIGH {spec}");
            }

            return true;
        }
    }

    /// <summary>Neighbour entries of one family (or both), optionally of one link.</summary>
    public IReadOnlyList<Neighbour> ListNeighbours(AddressFamily family = AddressFamily.Unspecified, LinkRef? link = null)
    {
        var kernelFamily = AddressFamilies.ToKernel(family);
        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = link is { } l ? $"RTM_GETNEIGH dump on {l}" : "RTM_GETNEIGH dump";
            var index = link is { } target ? RequireIndex(target, operation) : 0;
            NeighbourRequests.Dump(_builder, kernelFamily);
            return Dump(NeighbourDecoder.Decode, index == 0 ? null : n => n.LinkIndex == index, operation);
        }
    }

    private void NewNeighbour(NeighbourSpec spec, bool replace)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = $"RTM_NEWNEIGH {spec}";
            var index = RequireIndex(spec.Link, operation);
            NeighbourRequests.New(_builder, spec, index, replace);
            AcknowledgeOrThrow(operation);
        }
    }
}
