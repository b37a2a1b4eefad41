using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Rules;

/// <summary>
/// Encodes RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE: a fib_rule_hdr and FRA_* attributes. Add and delete carry
/// the same selectors: the kernel deletes the first rule that matches every selector given.
/// </summary>
internal static class RuleRequests
{
    public static void New(NetlinkMessageBuilder builder, RuleSpec spec)
    {
        // NLM_F_EXCL makes the kernel refuse an identical rule (EEXIST) instead of adding a duplicate.
        builder.Begin(NetlinkMessageType.NewRule, NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Create | NetlinkFlags.Exclusive);
        Write(builder, spec);
    }

    public static void Delete(NetlinkMessageBuilder builder, RuleSpec spec)
    {
        builder.Begin(NetlinkMessageType.DelRule, NetlinkFlags.Request | NetlinkFlags.Ack);
        Write(builder, spec);
    }

    public static void Dump(NetlinkMessageBuilder builder, byte family)
    {
        builder.Begin(NetlinkMessageType.GetRule, NetlinkFlags.Request | NetlinkFlags.Dump);
        new FibRuleHeader(family, 0, 0, 0, 0, 0, 0).Write(builder.AppendFixed(FibRuleHeader.Size));
    }

    private static void Write(NetlinkMessageBuilder builder, RuleSpec spec)
    {
        new FibRuleHeader(
            AddressFamilies.ToKernel(spec.Family),
            (byte)(spec.To?.PrefixLength ?? 0),
            (byte)(spec.From?.PrefixLength ?? 0),
            0,
            spec.Table <= 255 ? (byte)spec.Table : (byte)RouteTable.Unspecified,
            (byte)spec.Action,
            spec.Invert ? Fra.FlagInvert : 0).Write(builder.AppendFixed(FibRuleHeader.Size));

        // Attribute order follows iproute2 for `ip rule add from SRC to DST table T priority P`.
        if (spec.From is { } from && from.PrefixLength > 0)
        {
            builder.PutAddress(Fra.Source, from.BaseAddress);
        }

        if (spec.To is { } to && to.PrefixLength > 0)
        {
            builder.PutAddress(Fra.Destination, to.BaseAddress);
        }

        if (spec.Table > 255)
        {
            builder.PutU32(Fra.Table, spec.Table);
        }

        if (spec.Priority is { } priority)
        {
            builder.PutU32(Fra.Priority, priority);
        }

        if (spec.InputInterface is { } iif)
        {
            builder.PutString(Fra.InputInterfaceName, iif);
        }

        if (spec.OutputInterface is { } oif)
        {
            builder.PutString(Fra.OutputInterfaceName, oif);
        }

        if (spec.FirewallMark is { } mark)
        {
            builder.PutU32(Fra.FirewallMark, mark);
        }

        if (spec.FirewallMask is { } mask)
        {
            builder.PutU32(Fra.FirewallMask, mask);
        }
    }
}
