using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Interop;

/// <summary>
/// A file descriptor we opened ourselves (sockets, namespace files). Descriptor 0 is a valid descriptor, so only
/// -1 counts as invalid.
/// </summary>
internal sealed class SafeFd : SafeHandle
{
    public SafeFd(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>The raw descriptor; only valid while this handle is alive (callers hold a reference via DangerousAddRef or keep the owner alive).</summary>
    public int Value => (int)handle;

    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
