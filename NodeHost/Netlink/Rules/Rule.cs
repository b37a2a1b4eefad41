using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Rules;

/// <summary>A policy routing rule as the kernel reports it (RTM_NEWRULE in a dump).</summary>
public sealed record Rule(AddressFamily Family)
{
    public IPNetwork? From { get; init; }

    public IPNetwork? To { get; init; }

    /// <summary>FRA_TABLE when present, otherwise the 8-bit table in the header.</summary>
    public uint Table { get; init; }

    /// <summary>FRA_PRIORITY; the kernel omits it for priority 0 (the local-table rule), which reads as 0 here.</summary>
    public uint Priority { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public uint? FirewallMark { get; init; }

    public uint? FirewallMask { get; init; }

    public RuleAction Action { get; init; }

    /// <summary>fib_rule_hdr flags (FIB_RULE_INVERT = 2, ...).</summary>
    public uint Flags { get; init; }

    /// <summary>FRA_PROTOCOL: who installed the rule (RTPROT_KERNEL for the default rules).</summary>
    public RouteProtocol Protocol { get; init; }
}
