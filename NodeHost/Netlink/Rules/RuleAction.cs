namespace Spiderpool.Netlink.Rules;

/// <summary><c>FR_ACT_*</c>: what a matching policy rule does.</summary>
public enum RuleAction
{
    Unspecified = 0,

    /// <summary>Look the packet up in <see cref="RuleSpec.Table"/>.</summary>
    ToTable = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}
