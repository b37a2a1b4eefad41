using System.Net;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Rules;

/// <summary>Decodes an RTM_NEWRULE payload (fib_rule_hdr + attributes) into a <see cref="Rule"/>.</summary>
internal static class RuleDecoder
{
    public static Rule? Decode(ReadOnlySpan<byte> payload)
    {
        var header = FibRuleHeader.Read(payload);
        if (AddressFamilies.FromKernel(header.Family) is not { } family)
        {
            return null;
        }

        IPAddress? source = null, destination = null;
        uint table = header.Table;
        uint priority = 0;
        uint? mark = null, mask = null;
        string? iif = null, oif = null;
        var protocol = RouteProtocol.Unspecified;
        var reader = new NetlinkAttributeReader(payload[FibRuleHeader.Size..]);
        while (reader.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Fra.Source: source = NetlinkValue.Address(value, "FRA_SRC"); break;
                case Fra.Destination: destination = NetlinkValue.Address(value, "FRA_DST"); break;
                case Fra.Table: table = NetlinkValue.U32(value, "FRA_TABLE"); break;
                case Fra.Priority: priority = NetlinkValue.U32(value, "FRA_PRIORITY"); break;
                case Fra.FirewallMark: mark = NetlinkValue.U32(value, "FRA_FWMARK"); break;
                case Fra.FirewallMask: mask = NetlinkValue.U32(value, "FRA_FWMASK"); break;
                case Fra.InputInterfaceName: iif = NetlinkValue.String(value); break;
                case Fra.OutputInterfaceName: oif = NetlinkValue.String(value); break;
                case Fra.Protocol: protocol = (RouteProtocol)NetlinkValue.U8(value, "FRA_PROTOCOL"); break;
            }
        }

        return new Rule(family)
        {
            From = Selector(source, header.SourceLength, family, "FRA_SRC"),
            To = Selector(destination, header.DestinationLength, family, "FRA_DST"),
            Table = table,
            Priority = priority,
            InputInterface = iif,
            OutputInterface = oif,
            FirewallMark = mark,
            FirewallMask = mask,
            Action = (RuleAction)header.Action,
            Flags = header.Flags,
            Protocol = protocol,
        };
    }

    /// <summary>A selector of length 0 matches everything, which the kernel sends without an address.</summary>
    private static IPNetwork? Selector(IPAddress? address, byte length, System.Net.Sockets.AddressFamily family, string name)
    {
        if (address is null)
        {
            return length == 0 ? null : ThrowHelper.ThrowDecode<IPNetwork?>($"{name} length {length} without an address");
        }

        return address.AddressFamily == family
            ? AddressFamilies.Prefix(address, length, name)
            : ThrowHelper.ThrowDecode<IPNetwork?>($"{name} {address} is not {AddressFamilies.Describe(family)}");
    }
}
