namespace Spiderpool.Netlink.Addresses;

/// <summary>IFA_* attribute numbers (linux/if_addr.h).</summary>
internal static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Label = 3;
    public const ushort Broadcast = 4;
    public const ushort Flags = 8;
}
