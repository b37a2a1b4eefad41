namespace Spiderpool.Netlink.Addresses;

/// <summary><c>IFA_F_*</c> address flags. Values above 0xff only travel in IFA_FLAGS (u32).</summary>
[Flags]
public enum AddressFlags
{
    None = 0,
    Secondary = 0x01,

    /// <summary>Skip IPv6 duplicate address detection: the address is usable at once instead of tentative for ~1-2 s.</summary>
    NoDad = 0x02,
    Optimistic = 0x04,
    DadFailed = 0x08,
    HomeAddress = 0x10,
    Deprecated = 0x20,
    Tentative = 0x40,
    Permanent = 0x80,
    ManageTempAddress = 0x100,
    NoPrefixRoute = 0x200,
    MulticastAutoJoin = 0x400,
    StablePrivacy = 0x800,
}
