using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Links;

namespace Spiderpool.Netlink;

/// <summary>Link operations (RTM_*LINK).</summary>
public sealed partial class RtNetlinkClient
{
    /// <summary>The link, or null if there is none with that name/index (ENODEV).</summary>
    public Link? FindLink(LinkRef link)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return FindLinkCore(link);
        }
    }

    /// <summary>The link; throws <see cref="NetlinkException"/> (ENODEV) if it does not exist.</summary>
    public Link GetLink(LinkRef link)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return FindLinkCore(link) ?? throw new NetlinkException($"RTM_GETLINK {link}", Errno.ENODEV, null);
        }
    }

    public IReadOnlyList<Link> ListLinks()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            LinkRequests.Dump(_builder);
            return Dump(LinkDecoder.Decode, null, "RTM_GETLINK dump");
        }
    }

    /// <summary>Creates the link (NLM_F_EXCL: EEXIST if the name is taken). It is created down.</summary>
    public void AddLink(LinkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            var parentIndex = 0;
            if (spec.ParentLink is { } parent)
            {
                parentIndex = ResolveIndex(parent);
                if (parentIndex == 0)
                {
                    throw new NetlinkException(DescribeNewLink(spec), Errno.ENODEV, null);
                }
            }

            using var ns = new HandleLease(spec.Namespace);
            using var peerNs = new HandleLease((spec as VethLinkSpec)?.PeerNamespace);
            LinkRequests.New(_builder, spec, parentIndex, ns.Fd, peerNs.Fd);
            var ack = Acknowledge();
            if (!ack.IsSuccess)
            {
                ThrowFailed(ack, DescribeNewLink(spec));
            }
        }
    }

    /// <summary>Deletes the link (for a veth: both ends). Returns false if it did not exist (ENODEV).</summary>
    public bool DeleteLink(LinkRef link)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            LinkRequests.Delete(_builder, link);
            var ack = Acknowledge();
            if (ack.Errno == Errno.ENODEV)
            {
                return false;
            }

            if (!ack.IsSuccess)
            {
                ThrowFailed(ack, $"RTM_DELLINK {link}");
            }

            return true;
        }
    }

    public void SetLinkUp(LinkRef link) => SetUp(link, up: true);

    public void SetLinkDown(LinkRef link) => SetUp(link, up: false);

    /// <summary>Renames the link. Kernels refuse to rename a link that is up (EBUSY), so bring it down first.</summary>
    public void RenameLink(LinkRef link, string newName)
    {
        LinkRef.ValidateName(newName, nameof(newName));
        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = $"RTM_SETLINK {link} name '{newName}'";
            var index = RequireIndex(link, operation);
            LinkRequests.Rename(_builder, index, newName);
            AcknowledgeOrThrow(operation);
        }
    }

    /// <summary>
    /// Moves the link into the namespace behind <paramref name="netns"/> (an open /proc/PID/ns/net or
    /// /run/netns/NAME file; IFLA_NET_NS_FD), optionally renaming it on the way as CNI plugins do. The link keeps
    /// its index if it is free in the target, and arrives down with its addresses removed.
    /// </summary>
    public void MoveLinkToNamespace(LinkRef link, SafeHandle netns, string? newName = null)
    {
        ArgumentNullException.ThrowIfNull(netns);
        if (newName is not null)
        {
            LinkRef.ValidateName(newName, nameof(newName));
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = $"RTM_SETLINK {link} netns fd{(newName is null ? string.Empty : $" name '{newName}'")}";
            var target = newName is null ? link : LinkRef.ByIndex(RequireIndex(link, operation));
            using var lease = new HandleLease(netns);
            LinkRequests.SetNamespaceFd(_builder, target, lease.Fd, newName);
            AcknowledgeOrThrow(operation);
        }
    }

    /// <summary>Moves the link into the namespace at <paramref name="netnsPath"/> (e.g. /run/netns/pod1).</summary>
    public void MoveLinkToNamespace(LinkRef link, string netnsPath, string? newName = null)
    {
        using var netns = Namespaces.NetworkNamespace.Open(netnsPath);
        MoveLinkToNamespace(link, netns, newName);
    }

    /// <summary>Moves the link into the network namespace of process <paramref name="pid"/> (IFLA_NET_NS_PID).</summary>
    public void MoveLinkToNamespaceOfProcess(LinkRef link, int pid)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        lock (_gate)
        {
            ThrowIfDisposed();
            LinkRequests.SetNamespacePid(_builder, link, pid);
            AcknowledgeOrThrow($"RTM_SETLINK {link} netns pid {pid}");
        }
    }

    public void SetLinkMac(LinkRef link, PhysicalAddress mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        lock (_gate)
        {
            ThrowIfDisposed();
            LinkRequests.SetMac(_builder, link, mac);
            AcknowledgeOrThrow($"RTM_SETLINK {link} address {MacText.Format(mac)}");
        }
    }

    public void SetLinkMtu(LinkRef link, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mtu);
        lock (_gate)
        {
            ThrowIfDisposed();
            LinkRequests.SetMtu(_builder, link, mtu);
            AcknowledgeOrThrow($"RTM_SETLINK {link} mtu {mtu}");
        }
    }

    private static string DescribeNewLink(LinkSpec spec) => spec switch
    {
        VethLinkSpec veth => $"RTM_NEWLINK veth '{veth.Name}' peer '{veth.PeerName}'",
        _ when spec.ParentLink is { } parent => $"RTM_NEWLINK {spec.Kind} '{spec.Name}' on {parent}",
        _ => $"RTM_NEWLINK {spec.Kind} '{spec.Name}'",
    };

    private void SetUp(LinkRef link, bool up)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            LinkRequests.SetUp(_builder, link, up);
            AcknowledgeOrThrow($"RTM_SETLINK {link} {(up ? "up" : "down")}");
        }
    }

    private void AcknowledgeOrThrow(string operation)
    {
        var ack = Acknowledge();
        if (!ack.IsSuccess)
        {
            ThrowFailed(ack, operation);
        }
    }

    private Link? FindLinkCore(LinkRef link)
    {
        LinkRequests.Get(_builder, link);
        var found = GetOne(LinkDecoder.Decode, out var error);
        if (found is null && error.Errno != Errno.ENODEV && !error.IsSuccess)
        {
            ThrowFailed(error, $"RTM_GETLINK {link}");
        }

        return found;
    }

    /// <summary>The index of the link, or 0 if no link has that name. Index references are returned as they are.</summary>
    private int ResolveIndex(LinkRef link) => link.IsByName ? FindLinkCore(link)?.Index ?? 0 : link.Index;

    private int RequireIndex(LinkRef link, string operation)
    {
        var index = ResolveIndex(link);
        return index != 0 ? index : throw new NetlinkException(operation, Errno.ENODEV, null);
    }

    /// <summary>Keeps a namespace handle from being closed while its descriptor number sits in a request.</summary>
    private readonly ref struct HandleLease
    {
        private readonly SafeHandle? _handle;
        private readonly bool _added;

        public HandleLease(SafeHandle? handle)
        {
            _handle = handle;
            Fd = -1;
            if (handle is not null)
            {
                var added = false;
                handle.DangerousAddRef(ref added);
                _added = added;
                Fd = (int)handle.DangerousGetHandle();
            }
        }

        public int Fd { get; }

        public void Dispose()
        {
            if (_added)
            {
                _handle!.DangerousRelease();
            }
        }
    }
}
