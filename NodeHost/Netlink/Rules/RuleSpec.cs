using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink.Rules;

/// <summary>
/// A policy routing rule: <c>ip rule add from From to To table Table priority Priority</c>. Deleting matches
/// on the fields that are set, as the kernel does.
/// </summary>
public sealed record RuleSpec(AddressFamily Family)
{
    /// <summary>FRA_SRC: source prefix (<c>from</c>), same family as the rule.</summary>
    public IPNetwork? From { get; init; }

    /// <summary>FRA_DST: destination prefix (<c>to</c>).</summary>
    public IPNetwork? To { get; init; }

    /// <summary>Table to look up (<see cref="RouteTable"/>); ids above 255 travel in FRA_TABLE.</summary>
    public uint Table { get; init; } = RouteTable.Main;

    /// <summary>FRA_PRIORITY (<c>pref</c>): lower is evaluated first; null lets the kernel pick one below the last rule.</summary>
    public uint? Priority { get; init; }

    /// <summary>FRA_IIFNAME: only packets arriving on this interface.</summary>
    public string? InputInterface { get; init; }

    /// <summary>FRA_OIFNAME: only packets leaving via this interface (sockets bound to it).</summary>
    public string? OutputInterface { get; init; }

    public uint? FirewallMark { get; init; }

    public uint? FirewallMask { get; init; }

    public RuleAction Action { get; init; } = RuleAction.ToTable;

    /// <summary>FIB_RULE_INVERT: match packets that do <em>not</em> match the selectors.</summary>
    public bool Invert { get; init; }

    public override string ToString() =>
        $"{(Invert ? "not " : string.Empty)}from {From?.ToString() ?? "all"}{(To is { } to ? $" to {to}" : string.Empty)}" +
        $"{(InputInterface is { } iif ? $" iif {iif}" : string.Empty)}{(OutputInterface is { } oif ? $" oif {oif}" : string.Empty)}" +
        $" table {Table}{(Priority is { } p ? $" priority {p}" : string.Empty)}";
}
