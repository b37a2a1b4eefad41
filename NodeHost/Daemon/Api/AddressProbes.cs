using Spiderpool.Cni.Contract;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Netlink.Probes;

namespace Spiderpool.NodeHost.Api;

/// <summary>
/// Spiderpool's checks after allocation (spec §5.5), run by NodeHost inside the pod's network namespace on the
/// interface the main plugin created: is the new address already answered by someone else (ARP/NDP), does the
/// gateway answer. And, after success, the announcement that the address now lives here.
/// </summary>
internal sealed partial class AddressProbes(ILogger<AddressProbes> logger)
{
    /// <summary>Returns what is wrong (with our CNI code), or null when every enabled check passed.</summary>
    public async Task<ProbeProblem?> CheckAsync(string netns, string ifName, WorkloadNic nic, bool conflict, bool gateway, CancellationToken cancellationToken)
    {
        foreach (var address in nic.Addresses())
        {
            var ip = address.Address.ToIPAddress();
            try
            {
                if (conflict)
                {
                    var result = await NeighbourProbe.CheckConflictAsync(netns, ifName, ip).WaitAsync(cancellationToken);
                    if (result.Outcome == ProbeOutcome.Conflict)
                    {
                        var mac = result.RemoteMac is { } m ? string.Join(':', m.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) : "unknown";
                        LogConflict(address.Address, address.Pool, mac);
                        return new ProbeProblem(CniErrorCode.IpConflict,
                            $"IP conflict: {address.Address} from pool {address.Pool} is already answered on the link by MAC {mac}; it was released and set aside, retry to get another address", address);
                    }
                }

                if (gateway && address.Gateway is { } gw)
                {
                    var result = await NeighbourProbe.CheckGatewayAsync(netns, ifName, ip, System.Net.IPAddress.Parse(gw)).WaitAsync(cancellationToken);
                    if (result.Outcome == ProbeOutcome.Unreachable)
                    {
                        return new ProbeProblem(CniErrorCode.GatewayUnreachable,
                            $"gateway {gw} of pool {address.Pool} did not answer from {address.Address} on {ifName} ({result}); check the parent interface and VLAN, or disable enableGatewayDetection");
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new ProbeProblem(CniErrorCode.DaemonError, $"checking {address.Address} on {ifName} in {netns} failed: {ex.Message}");
            }
        }

        return null;
    }

    /// <summary>Gratuitous ARP / unsolicited NA for the new addresses; failures are logged, never fail the ADD.</summary>
    public void Announce(string netns, string ifName, WorkloadNic nic)
    {
        foreach (var address in nic.Addresses())
        {
            _ = AnnounceOneAsync(netns, ifName, address);
        }
    }

    private async Task AnnounceOneAsync(string netns, string ifName, NicAddress address)
    {
        var result = await NeighbourProbe.AnnounceAsync(netns, ifName, address.Address.ToIPAddress());
        if (!result.Sent)
        {
            LogAnnounceFailed(address.Address, ifName, result.Error ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcing {Address} on {IfName} failed: {Error}")]
    private partial void LogAnnounceFailed(Spiderpool.Grains.Interfaces.Addressing.IpAddr address, string ifName, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IP conflict: {Address} of pool {Pool} answered by {Mac}; releasing it")]
    private partial void LogConflict(Spiderpool.Grains.Interfaces.Addressing.IpAddr address, string pool, string mac);
}
