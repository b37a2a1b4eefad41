namespace Spiderpool.Netlink;

/// <summary>
/// Bytes from the kernel (or a test) that are not a well-formed netlink message: a length that runs past the
/// buffer, an attribute shorter than its header, a fixed-size attribute of the wrong size.
/// </summary>
public sealed class NetlinkDecodeException : FormatException
{
    public NetlinkDecodeException()
    {
    }

    public NetlinkDecodeException(string message)
        : base(message)
    {
    }

    public NetlinkDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
