namespace Spiderpool.Netlink.Interop;

/// <summary>
/// Linux errno numbers (asm-generic, shared by x86-64 and arm64) with their symbolic names, so errors read
/// <c>ENODEV (no such device)</c> on every machine instead of depending on the C library's locale.
/// </summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int ENOTEMPTY = 39;
    public const int ENODATA = 61;
    public const int ENONET = 64;
    public const int ENOLINK = 67;
    public const int EPROTO = 71;
    public const int EBADMSG = 74;
    public const int EOVERFLOW = 75;
    public const int EMSGSIZE = 90;
    public const int EPROTOTYPE = 91;
    public const int ENOPROTOOPT = 92;
    public const int EPROTONOSUPPORT = 93;
    public const int EOPNOTSUPP = 95;
    public const int EAFNOSUPPORT = 97;
    public const int EADDRINUSE = 98;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETDOWN = 100;
    public const int ENETUNREACH = 101;
    public const int ENOBUFS = 105;
    public const int ETIMEDOUT = 110;
    public const int EHOSTUNREACH = 113;

    /// <summary>The symbolic name, e.g. <c>ENODEV</c>, or <c>errno 200</c> for one not in the table.</summary>
    public static string Name(int errno) => Lookup(errno).Name;

    /// <summary><c>ENODEV (no such device)</c>.</summary>
    public static string Describe(int errno)
    {
        var (name, text) = Lookup(errno);
        return text.Length == 0 ? name : $"{name} ({text})";
    }

    private static (string Name, string Text) Lookup(int errno) => errno switch
    {
        EPERM => ("EPERM", "operation not permitted"),
        ENOENT => ("ENOENT", "no such file or directory"),
        ESRCH => ("ESRCH", "no such process"),
        EINTR => ("EINTR", "interrupted system call"),
        EIO => ("EIO", "input/output error"),
        EBADF => ("EBADF", "bad file descriptor"),
        EAGAIN => ("EAGAIN", "resource temporarily unavailable"),
        ENOMEM => ("ENOMEM", "cannot allocate memory"),
        EACCES => ("EACCES", "permission denied"),
        EFAULT => ("EFAULT", "bad address"),
        EBUSY => ("EBUSY", "device or resource busy"),
        EEXIST => ("EEXIST", "file exists"),
        EXDEV => ("EXDEV", "invalid cross-device link"),
        ENODEV => ("ENODEV", "no such device"),
        ENOTDIR => ("ENOTDIR", "not a directory"),
        EINVAL => ("EINVAL", "invalid argument"),
        ENFILE => ("ENFILE", "too many open files in system"),
        EMFILE => ("EMFILE", "too many open files"),
        ENOSPC => ("ENOSPC", "no space left on device"),
        ERANGE => ("ERANGE", "numerical result out of range"),
        ENAMETOOLONG => ("ENAMETOOLONG", "file name too long"),
        ENOSYS => ("ENOSYS", "function not implemented"),
        ENOTEMPTY => ("ENOTEMPTY", "directory not empty"),
        ENODATA => ("ENODATA", "no data available"),
        ENONET => ("ENONET", "machine is not on the network"),
        ENOLINK => ("ENOLINK", "link has been severed"),
        EPROTO => ("EPROTO", "protocol error"),
        EBADMSG => ("EBADMSG", "bad message"),
        EOVERFLOW => ("EOVERFLOW", "value too large for defined data type"),
        EMSGSIZE => ("EMSGSIZE", "message too long"),
        EPROTOTYPE => ("EPROTOTYPE", "protocol wrong type for socket"),
        ENOPROTOOPT => ("ENOPROTOOPT", "protocol not available"),
        EPROTONOSUPPORT => ("EPROTONOSUPPORT", "protocol not supported"),
        EOPNOTSUPP => ("EOPNOTSUPP", "operation not supported"),
        EAFNOSUPPORT => ("EAFNOSUPPORT", "address family not supported by protocol"),
        EADDRINUSE => ("EADDRINUSE", "address already in use"),
        EADDRNOTAVAIL => ("EADDRNOTAVAIL", "cannot assign requested address"),
        ENETDOWN => ("ENETDOWN", "network is down"),
        ENETUNREACH => ("ENETUNREACH", "network is unreachable"),
        ENOBUFS => ("ENOBUFS", "no buffer space available"),
        ETIMEDOUT => ("ETIMEDOUT", "connection timed out"),
        EHOSTUNREACH => ("EHOSTUNREACH", "no route to host"),
        _ => ($"errno {errno}", string.Empty),
    };
}
