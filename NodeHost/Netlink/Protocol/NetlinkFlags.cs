namespace Spiderpool.Netlink.Protocol;

/// <summary><c>nlmsg_flags</c>. The 0x100-0x800 bits mean different things for GET, NEW and ACK messages.</summary>
#pragma warning disable CA1069 // The kernel reuses the high bits per message class (linux/netlink.h); the aliases are the point.
[Flags]
internal enum NetlinkFlags : ushort
{
    None = 0,
    Request = 0x01,
    Multi = 0x02,
    Ack = 0x04,
    Echo = 0x08,
    DumpInterrupted = 0x10,
    DumpFiltered = 0x20,

    // GET requests.
    Root = 0x100,
    Match = 0x200,
    Dump = Root | Match,

    // NEW requests.
    Replace = 0x100,
    Exclusive = 0x200,
    Create = 0x400,
    Append = 0x800,

    // NLMSG_ERROR replies: the original request was not echoed back / TLVs follow.
    Capped = 0x100,
    AckTlvs = 0x200,
}
#pragma warning restore CA1069
