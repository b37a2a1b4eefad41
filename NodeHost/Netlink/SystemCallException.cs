namespace Spiderpool.Netlink;

/// <summary>A failed system call outside netlink (socket, setns, mount, ...), named with its errno.</summary>
public sealed class SystemCallException : IOException
{
    public SystemCallException()
    {
    }

    public SystemCallException(string message)
        : base(message)
    {
    }

    public SystemCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SystemCallException(string operation, int errno)
        : base($"{operation}: {Interop.Errno.Describe(errno)}")
    {
        Operation = operation;
        Errno = errno;
    }

    /// <summary>What was being done, e.g. <c>setns into '/run/netns/pod1'</c>.</summary>
    public string Operation { get; } = string.Empty;

    /// <summary>The errno value (positive), e.g. 2 for ENOENT.</summary>
    public int Errno { get; }

    /// <summary>The errno's symbolic name, e.g. <c>ENOENT</c>.</summary>
    public string ErrnoName => Interop.Errno.Name(Errno);
}
