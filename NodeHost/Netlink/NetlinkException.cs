namespace Spiderpool.Netlink;

/// <summary>
/// The kernel refused a netlink request (NLMSG_ERROR with a negative errno). The message names the operation,
/// the errno and, when the kernel sent an extended ACK, its explanation, e.g.
/// <c>RTM_NEWLINK macvlan 'mv0' on 'eth9': ENODEV (no such device)</c>.
/// </summary>
public sealed class NetlinkException : IOException
{
    public NetlinkException()
    {
    }

    public NetlinkException(string message)
        : base(message)
    {
    }

    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal NetlinkException(string operation, int errno, string? kernelMessage)
        : base(Format(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    /// <summary>The request, e.g. <c>RTM_NEWLINK macvlan 'mv0' on 'eth9'</c>.</summary>
    public string Operation { get; } = string.Empty;

    /// <summary>The errno (positive), e.g. 19 for ENODEV.</summary>
    public int Errno { get; }

    /// <summary>The errno's symbolic name, e.g. <c>ENODEV</c>.</summary>
    public string ErrnoName => Interop.Errno.Name(Errno);

    /// <summary>The extended ACK text (NLMSGERR_ATTR_MSG), when the kernel gave one.</summary>
    public string? KernelMessage { get; }

    private static string Format(string operation, int errno, string? kernelMessage) =>
        string.IsNullOrEmpty(kernelMessage)
            ? $"{operation}: {Interop.Errno.Describe(errno)}"
            : $"{operation}: {Interop.Errno.Describe(errno)}: {kernelMessage}";
}
