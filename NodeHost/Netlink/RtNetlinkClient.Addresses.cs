using System.Net.Sockets;
using Spiderpool.Netlink.Addresses;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink;

/// <summary>Address operations (RTM_*ADDR).</summary>
public sealed partial class RtNetlinkClient
{
    /// <summary>Adds the address (NLM_F_EXCL: EEXIST if the link already has it).</summary>
    public void AddAddress(AddressSpec spec) => NewAddress(spec, replace: false);

    /// <summary>Adds the address, or updates its flags/scope if the link already has it.</summary>
    public void ReplaceAddress(AddressSpec spec) => NewAddress(spec, replace: true);

    /// <summary>
    /// Removes the address. Returns false if it was already gone: the link does not have it (EADDRNOTAVAIL) or
    /// the link itself no longer exists (ENODEV, or no link of that name).
    /// </summary>
    public bool DeleteAddress(AddressSpec spec)
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

            AddressRequests.Delete(_builder, spec, index);
            var ack = Acknowledge();
            if (ack.Errno is Errno.EADDRNOTAVAIL or Errno.ENODEV)
            {
                return false;
            }

            if (!ack.IsSuccess)
            {
                ThrowFailed(ack, $"RTM_DELADDR {spec}");
            }

            return true;
        }
    }

    /// <summary>Addresses of one family (or both, with <see cref="AddressFamily.Unspecified"/>), optionally of one link.</summary>
    public IReadOnlyList<InterfaceAddress> ListAddresses(AddressFamily family = AddressFamily.Unspecified, LinkRef? link = null)
    {
        var kernelFamily = AddressFamilies.ToKernel(family);
        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = link is { } l ? $"RTM_GETADDR dump on {l}" : "RTM_GETADDR dump";
            var index = link is { } target ? RequireIndex(target, operation) : 0;
            AddressRequests.Dump(_builder, kernelFamily);
            return Dump(AddressDecoder.Decode, index == 0 ? null : a => a.LinkIndex == index, operation);
        }
    }

    private void NewAddress(AddressSpec spec, bool replace)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = $"RTM_NEWADDR {spec}";
            var index = RequireIndex(spec.Link, operation);
            AddressRequests.New(_builder, spec, index, replace);
            AcknowledgeOrThrow(operation);
        }
    }
}
