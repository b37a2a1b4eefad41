using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Spiderpool.Netlink.Namespaces;

namespace Spiderpool.Netlink.Probes;

/// <summary>
/// Spiderpool's address checks after allocation: is the address already used on the link (conflict), does the
/// gateway answer, and telling the link that the address now lives here (gratuitous ARP / unsolicited neighbour
/// advertisement). IPv4 uses ARP, IPv6 neighbour discovery; both send raw Ethernet frames on the interface, which
/// is brought up first if it is down.
/// <para>
/// The synchronous methods work in the calling thread's network namespace; the *Async ones run them inside the
/// namespace at a path (a pod's /proc/PID/ns/net or /run/netns/NAME) on a dedicated thread. Probes block for up
/// to their deadline (1 s for conflicts, 500 ms for gateways by default).
/// </para>
/// </summary>
public static class NeighbourProbe
{
    /// <summary>
    /// Asks whether any other host on <paramref name="interfaceName"/>'s link holds <paramref name="address"/>:
    /// an ARP probe from 0.0.0.0 (IPv4) or a duplicate-address-detection solicitation from :: (IPv6). An answer
    /// from another MAC is <see cref="ProbeOutcome.Conflict"/>; silence until the deadline is <see cref="ProbeOutcome.Free"/>.
    /// </summary>
    public static ProbeResult CheckConflict(string interfaceName, IPAddress address, ProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= ProbeOptions.Conflict;
        options.Validate();
        var start = Stopwatch.GetTimestamp();
        var link = ProbeInterface.Prepare(interfaceName, PreparationDeadline(start, options));
        return address.AddressFamily == AddressFamily.InterNetwork
            ? ArpProber.CheckConflict(link, address, options, start)
            : NdpProber.CheckConflict(link, RequireV6(address, nameof(address)), options, start);
    }

    /// <summary>
    /// Asks the gateway for its MAC from <paramref name="source"/> (the pod's address): an ARP request (IPv4) or a
    /// neighbour solicitation with our MAC (IPv6). An answer is <see cref="ProbeOutcome.Reachable"/>; silence until
    /// the deadline is <see cref="ProbeOutcome.Unreachable"/>. As a side effect the gateway learns our MAC.
    /// </summary>
    public static ProbeResult CheckGateway(string interfaceName, IPAddress source, IPAddress gateway, ProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(gateway);
        if (source.AddressFamily != gateway.AddressFamily)
        {
            throw new ArgumentException($"source {source} and gateway {gateway} are of different families; probe each family's gateway from an address of that family", nameof(gateway));
        }

        options ??= ProbeOptions.Gateway;
        options.Validate();
        var start = Stopwatch.GetTimestamp();
        var link = ProbeInterface.Prepare(interfaceName, PreparationDeadline(start, options));
        return gateway.AddressFamily == AddressFamily.InterNetwork
            ? ArpProber.CheckGateway(link, source, gateway, options, start)
            : NdpProber.CheckGateway(link, RequireV6(source, nameof(source)), RequireV6(gateway, nameof(gateway)), options, start);
    }

    /// <summary>
    /// Announces that <paramref name="address"/> is now at this interface's MAC: a gratuitous ARP (IPv4) or an
    /// unsolicited neighbour advertisement with the override flag to all nodes (IPv6). Peers that cached the
    /// address update it. Never throws for network failures; the result says what went wrong.
    /// </summary>
    public static AnnouncementResult Announce(string interfaceName, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            var link = ProbeInterface.Prepare(interfaceName, ProbeLoop.Deadline(Stopwatch.GetTimestamp(), ProbeOptions.Gateway.Overall));
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                ArpProber.Announce(link, address);
            }
            else
            {
                NdpProber.Announce(link, RequireV6(address, nameof(address)));
            }

            return AnnouncementResult.Success;
        }
        catch (Exception e)
        {
            return new AnnouncementResult(false, $"announce {address} on '{interfaceName}': {e.Message}");
        }
    }

    /// <summary><see cref="CheckConflict"/> inside the network namespace at <paramref name="netnsPath"/>.</summary>
    public static Task<ProbeResult> CheckConflictAsync(string netnsPath, string interfaceName, IPAddress address, ProbeOptions? options = null) =>
        NetworkNamespace.RunAsync(netnsPath, () => CheckConflict(interfaceName, address, options));

    /// <summary><see cref="CheckGateway"/> inside the network namespace at <paramref name="netnsPath"/>.</summary>
    public static Task<ProbeResult> CheckGatewayAsync(string netnsPath, string interfaceName, IPAddress source, IPAddress gateway, ProbeOptions? options = null) =>
        NetworkNamespace.RunAsync(netnsPath, () => CheckGateway(interfaceName, source, gateway, options));

    /// <summary><see cref="Announce"/> inside the network namespace at <paramref name="netnsPath"/>; failing to enter it is reported, not thrown.</summary>
    public static async Task<AnnouncementResult> AnnounceAsync(string netnsPath, string interfaceName, IPAddress address)
    {
        try
        {
            return await NetworkNamespace.RunAsync(netnsPath, () => Announce(interfaceName, address));
        }
        catch (Exception e)
        {
            // Only entering the namespace can fail here; Announce itself reports instead of throwing.
            return new AnnouncementResult(false, $"announce {address} on '{interfaceName}' in {netnsPath}: {e.Message}");
        }
    }

    /// <summary>Waiting for the link to come up may use the overall time except the last attempt's, so at least one request always goes out.</summary>
    private static long PreparationDeadline(long start, ProbeOptions options) =>
        ProbeLoop.Deadline(start, options.Overall - options.PerAttempt);

    private static IPAddress RequireV6(IPAddress address, string name)
    {
        Probes.NdpPacket.RequireIPv6(address, name);
        return address;
    }
}
