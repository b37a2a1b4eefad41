namespace Spiderpool.Netlink.Links;

/// <summary><c>MACVLAN_MODE_*</c> (<c>IFLA_MACVLAN_MODE</c>, u32).</summary>
public enum MacvlanMode
{
    /// <summary>No value sent: the kernel's default, VEPA.</summary>
    Unspecified = 0,
    Private = 1,
    Vepa = 2,
    Bridge = 4,
    Passthru = 8,
    Source = 16,
}
