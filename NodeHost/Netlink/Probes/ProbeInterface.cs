using System.Diagnostics;
using System.Net.NetworkInformation;
using Spiderpool.Netlink.Links;

namespace Spiderpool.Netlink.Probes;

/// <summary>The interface a probe runs on: its index and MAC, brought up first if it was down.</summary>
internal sealed record ProbeInterface(int Index, string Name, PhysicalAddress Mac)
{
    private static readonly TimeSpan CarrierPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Looks the interface up in the calling thread's namespace and sets it up if needed, then waits — never past
    /// <paramref name="deadline"/> — until it can actually send. IFF_RUNNING (carrier) is not enough: the kernel
    /// attaches the transmit queue a moment later, from its link-watch work, and drops frames until then. That
    /// work sets the operational state just before attaching the queue, so waiting for "running and operstate up"
    /// leaves at most a window of microseconds, which the retries cover. A link that never gets there simply gets
    /// no answers, and the probe reports that.
    /// </summary>
    public static ProbeInterface Prepare(string name, long deadline)
    {
        using var netlink = RtNetlinkClient.Open();
        var link = netlink.GetLink(name);
        if (link.Mac is not { } mac || mac.GetAddressBytes().Length != 6)
        {
            throw new ArgumentException($"interface '{name}' has no Ethernet MAC address; ARP and neighbour discovery probes need an Ethernet link", nameof(name));
        }

        if (!link.IsUp)
        {
            netlink.SetLinkUp(name);
        }

        while (!CanTransmit(link) && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(CarrierPoll);
            link = netlink.GetLink(link.Index);
        }

        return new ProbeInterface(link.Index, link.Name, mac);
    }

    /// <summary>Drivers that do not track carrier report operstate UNKNOWN forever; they transmit once running.</summary>
    private static bool CanTransmit(Link link) =>
        (link.Flags & LinkFlags.Running) != 0 && link.OperationalState is OperationalState.Up or OperationalState.Unknown;
}
