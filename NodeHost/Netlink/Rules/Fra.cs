namespace Spiderpool.Netlink.Rules;

/// <summary>FRA_* attribute numbers (linux/fib_rules.h).</summary>
internal static class Fra
{
    public const ushort Destination = 1;
    public const ushort Source = 2;
    public const ushort InputInterfaceName = 3;
    public const ushort Priority = 6;
    public const ushort FirewallMark = 10;
    public const ushort Table = 15;
    public const ushort FirewallMask = 16;
    public const ushort OutputInterfaceName = 17;
    public const ushort Protocol = 21;

    /// <summary>FIB_RULE_INVERT in fib_rule_hdr.flags.</summary>
    public const uint FlagInvert = 2;
}
