namespace Spiderpool.Netlink.Protocol;

/// <summary>NLMSG_ALIGN / NLA_ALIGN: messages and attributes start on 4-byte boundaries.</summary>
internal static class NetlinkAlign
{
    public const int Alignment = 4;

    public static int Align(int length) => (length + Alignment - 1) & ~(Alignment - 1);
}
