using Microsoft.Extensions.Options;
using Spiderpool.Cni.Contract;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Nodes;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.NodeHost.Hosting;

namespace Spiderpool.NodeHost.Api;

/// <summary>
/// Turns a CNI call into allocator calls and the answers into <see cref="IpamOutcome"/>s (<see cref="IpamResults"/>
/// makes them HTTP). Every cluster call goes through <see cref="CallClusterAsync"/>: whenever the cluster cannot be
/// asked or the outcome is unknown (not connected, timed out, the silo left mid-call, storage failed) the answer is
/// "try again later" (11) — kubelet retries, and every verb is idempotent. Codes 100+ are outcomes the user must act on.
/// </summary>
internal sealed partial class IpamService(
    ClusterConnection connection,
    AddressProbes probes,
    IOptions<NodeHostOptions> options,
    ILogger<IpamService> logger) : IDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    private NodeHostOptions Settings => options.Value;

    /// <summary>
    /// Healthy means an ADD could be served now: connected, and a silo answers a cheap call (the node's grain)
    /// within <see cref="HealthTimeout"/>. The plugin's STATUS turns anything else into CNI code 50.
    /// </summary>
    public async Task<IpamOutcome> HealthyAsync(CancellationToken cancellationToken)
    {
        var reply = await CallClusterAsync("STATUS", Settings.NodeName, g => g.GetGrain<INodeGrain>(Settings.NodeName).GetStatusAsync(), HealthTimeout, cancellationToken);
        return reply.Failure ?? IpamOutcome.Success();
    }

    public async Task<IpamOutcome> AddAsync(IpamAddArgs args, CancellationToken cancellationToken)
    {
        if (Missing(("containerID", args.ContainerId), ("ifName", args.IfName)) is { } missing)
        {
            return missing;
        }

        if (await SettleJournalAsync(args.ContainerId, args.IfName, cancellationToken) is { } unsettled)
        {
            return unsettled;
        }

        if (StaticAddresses(args.Ips) is not { } requested)
        {
            return IpamOutcome.Failure(CniErrorCode.InvalidRequest, StaticAddressError(args.Ips));
        }

        var pod = Identify(args.PodNamespace, args.PodName, args.ContainerId, args.IfName);

        // Without the Kubernetes integration, the pod is what CNI_ARGS says; pools come from the CNI configuration's
        // defaults, else the cluster's default pools (spec §3.3 ranks 5 and 6).
        var request = new PodAllocationRequest
        {
            ContainerId = args.ContainerId,
            NetName = args.NetName ?? "",
            RequestedAddresses = requested,
            Pod = new PodContext
            {
                PodNamespace = pod.Namespace,
                PodName = pod.Name,
                PodUid = args.PodUid,
                NodeName = Settings.NodeName,
                NodeLabels = Settings.NodeLabels,
                IfName = args.IfName,
                Ipam = new CniIpamConfig
                {
                    DefaultIpv4IpPool = args.DefaultIPv4Pools ?? [],
                    DefaultIpv6IpPool = args.DefaultIPv6Pools ?? [],
                    CleanGateway = args.CleanGateway,
                    MatchMasterSubnet = args.MatchMasterSubnet,
                },
            },
        };

        var subject = PodSubject(pod, args.ContainerId);
        var reply = await CallClusterAsync("ADD", subject, g => g.GetGrain<IAllocatorGrain>(0).AllocatePodAsync(request), Settings.CallTimeout, cancellationToken);
        if (reply.Failure is { } failure)
        {
            return failure;
        }

        var result = reply.Value;
        switch (result.Outcome)
        {
            case AllocationOutcome.InvalidRequest:
                return IpamOutcome.Failure(CniErrorCode.InvalidRequest, result.Message);
            case AllocationOutcome.NoAddress:
                // The message already names every pool and its reason; details would only repeat it.
                return IpamOutcome.Failure(CniErrorCode.AllocationFailed, result.Message);
            case AllocationOutcome.RetryLater:
                return IpamOutcome.Unavailable(result.Message);
        }

        var nic = result.Nics.FirstOrDefault(n => n.IfName == args.IfName);
        if (nic is null)
        {
            return IpamOutcome.Failure(CniErrorCode.AllocationFailed, $"no Interface {args.IfName} IP allocation found for {pod}");
        }

        var conflictCheck = args.EnableIPConflictDetection ?? Settings.EnableIPConflictDetection;
        var gatewayCheck = args.EnableGatewayDetection ?? Settings.EnableGatewayDetection;
        if ((conflictCheck || gatewayCheck) && !result.Reused)
        {
            var problem = await probes.CheckAsync(args.NetNamespace, args.IfName, nic, conflictCheck, gatewayCheck, cancellationToken);
            if (problem is not null)
            {
                // The address is in use by someone we do not know, or the network is not there: give it back so the
                // kubelet's retry gets another address (a stateless pod), and say what answered. A conflicting
                // address is quarantined first, or the pool's lowest-free order would hand it to the retry again.
                if (problem.Code == CniErrorCode.IpConflict && problem.Address is { } conflicting)
                {
                    await CallClusterAsync("quarantine", subject, g => Done(g.GetGrain<IAllocatorGrain>(0).QuarantineAsync(conflicting, Settings.ConflictQuarantine)), Settings.CallTimeout, CancellationToken.None);
                }

                // If this release fails the addresses stay recorded for the container: its DEL (or CNI GC) frees them.
                var release = new ReleaseRequest { PodNamespace = pod.Namespace, PodName = pod.Name, PodUid = args.PodUid, ContainerId = args.ContainerId, IfName = args.IfName };
                await CallClusterAsync("release after a failed check", subject, g => g.GetGrain<IAllocatorGrain>(0).ReleaseAsync(release), Settings.CallTimeout, CancellationToken.None);
                return IpamOutcome.Failure(problem.Code, problem.Message);
            }
        }

        if (args.SendGratuitousArp ?? Settings.SendGratuitousArp)
        {
            probes.Announce(args.NetNamespace, args.IfName, nic);
        }

        return IpamOutcome.Success(ToResponse(result.Nics));
    }

    /// <summary>CNI DEL; one the cluster cannot take now is recorded in the DEL journal and answered success.</summary>
    public async Task<IpamOutcome> DeleteAsync(IpamDelArgs args, CancellationToken cancellationToken)
    {
        var outcome = await ReleaseNowAsync(args, cancellationToken);
        return outcome.Code == CniErrorCode.TryAgainLater ? Journal(args, outcome) : outcome;
    }

    private Task<IpamOutcome> ReleaseNowAsync(IpamDelArgs args, CancellationToken cancellationToken)
    {
        if (Missing(("containerID", args.ContainerId), ("ifName", args.IfName)) is { } missing)
        {
            return Task.FromResult(missing);
        }

        var pod = Identify(args.PodNamespace, args.PodName, args.ContainerId, args.IfName);
        return ReleaseAsync(new ReleaseRequest
        {
            PodNamespace = pod.Namespace,
            PodName = pod.Name,
            PodUid = args.PodUid,
            ContainerId = args.ContainerId,
            IfName = args.IfName,
            // Outside Kubernetes the DEL's CNI_ARGS may not be the ADD's: find the container in this node's rows too.
            SearchNode = pod.Standalone ? Settings.NodeName : null,
            NetName = args.NetName ?? "",
        }, cancellationToken);
    }

    public Task<IpamOutcome> BatchDeleteAsync(IpamBatchDelArgs args, CancellationToken cancellationToken)
    {
        if (Missing(("containerID", args.ContainerId), ("podNamespace", args.PodNamespace), ("podName", args.PodName)) is { } missing)
        {
            return Task.FromResult(missing);
        }

        return ReleaseAsync(new ReleaseRequest { PodNamespace = args.PodNamespace, PodName = args.PodName, PodUid = args.PodUid, ContainerId = args.ContainerId }, cancellationToken);
    }

    /// <summary>The pod's record, found by the rule ADD and DEL use (<see cref="PodRef"/>).</summary>
    public async Task<IpamOutcome> GetWorkloadEndpointAsync(string? podNamespace, string? podName, string? containerId, string? ifName, CancellationToken cancellationToken)
    {
        var kubernetes = !string.IsNullOrEmpty(podNamespace) && !string.IsNullOrEmpty(podName);
        if (!kubernetes && (string.IsNullOrEmpty(containerId) || string.IsNullOrEmpty(ifName)))
        {
            return IpamOutcome.Failure(CniErrorCode.InvalidRequest, "query parameters podNamespace and podName, or containerID and ifName, are required");
        }

        var identity = Identify(podNamespace, podName, containerId ?? "", ifName ?? "");
        var pod = new PodRef { Namespace = identity.Namespace, Name = identity.Name };
        var reply = await CallClusterAsync("CHECK", identity.ToString(), g => g.GetGrain<IAllocatorGrain>(0).GetEndpointAsync(pod), Settings.CallTimeout, cancellationToken);
        if (reply.Failure is { } failure)
        {
            return failure;
        }

        if (reply.Value is not { } record)
        {
            return IpamOutcome.Failure(CniErrorCode.NotAllocated, $"SpiderEndpoint not found for pod {identity}");
        }

        return IpamOutcome.Success(new WorkloadEndpointStatus
        {
            PodNamespace = identity.Namespace,
            PodName = identity.Name,
            PodUid = record.PodUid,
            Node = record.Node,
            Interfaces = record.Nics.Select(n => new InterfaceDetail
            {
                Interface = n.IfName,
                IPv4 = n.V4?.Cidr,
                IPv6 = n.V6?.Cidr,
                IPv4Pool = n.V4?.Pool,
                IPv6Pool = n.V6?.Pool,
                IPv4Gateway = n.V4?.Gateway,
                IPv6Gateway = n.V6?.Gateway,
                Vlan = n.Vlan,
                Routes = n.Routes.Select(r => new InterfaceRoute { Dst = r.Dst, Gw = r.Gw }).ToList(),
            }).ToList(),
        });
    }

    /// <summary>
    /// CNI GC: the cluster releases what this node holds for the network under containers the runtime no longer
    /// lists. It works from the pools' rows, which are durable before an ADD answers, so nothing an ADD took is out
    /// of GC's reach.
    /// </summary>
    public async Task<IpamOutcome> GcAsync(IpamGcArgs args, CancellationToken cancellationToken)
    {
        var request = new NodeGcRequest
        {
            Node = Settings.NodeName,
            NetName = args.NetName,
            ValidContainerIds = args.ValidAttachments.Select(a => a.ContainerId).Distinct().ToList(),
        };
        var reply = await CallClusterAsync("GC", args.NetName, g => g.GetGrain<IAllocatorGrain>(0).CollectGarbageAsync(request), Settings.CallTimeout, cancellationToken);
        if (reply.Failure is { } failure)
        {
            return failure;
        }

        // Pending addresses are out of every record already, but their pool could not be reached: the consistency
        // sweep returns them to it. Say so rather than list them as released.
        var released = reply.Value.Released.Select(a => $"{a.Cidr} {a.Pool}")
            .Concat(reply.Value.PendingSweep.Select(a => $"{a.Cidr} {a.Pool} (pool unreachable; the sweep frees it)"))
            .ToList();
        LogGc(args.NetName, released.Count);
        return IpamOutcome.Success(new IpamGcResponse { Released = released });
    }

    private async Task<IpamOutcome> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        var reply = await CallClusterAsync("DEL", $"{request.PodNamespace}/{request.PodName} (container {request.ContainerId})",
            g => g.GetGrain<IAllocatorGrain>(0).ReleaseAsync(request), Settings.CallTimeout, cancellationToken);
        return reply.Failure ?? IpamOutcome.Success();
    }

    /// <summary>
    /// The one guard around the cluster. A call ends with "try again later" when NodeHost is not connected, when no
    /// answer comes within <paramref name="timeout"/>, when a gateway connection is lost while it is in flight (its
    /// answer would never come; Orleans would wait its whole response timeout), or when the cluster throws.
    /// </summary>
    private async Task<ClusterReply<T>> CallClusterAsync<T>(string verb, string subject, Func<IGrainFactory, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (connection.Grains is not { } grains)
        {
            return ClusterReply<T>.Failed(IpamOutcome.Unavailable("NodeHost is not connected to the Spiderpool cluster yet; retry"));
        }

        var gatewayLost = connection.GatewayLost;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, gatewayLost);
        string why;
        try
        {
            return new ClusterReply<T>(await call(grains).WaitAsync(timeout, ended.Token), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (gatewayLost.IsCancellationRequested)
        {
            why = "the connection to the silo serving it was lost while it was in flight";
        }
        catch (TimeoutException)
        {
            why = $"no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (Exception ex)
        {
            why = ex.Message;
        }

        LogClusterCallFailed(verb, subject, why);
        return ClusterReply<T>.Failed(IpamOutcome.Unavailable($"the Spiderpool cluster did not answer {verb} for {subject} ({why}); retry"));
    }

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    internal static IpamAddResponse ToResponse(IReadOnlyList<WorkloadNic> nics) => new()
    {
        Ips = nics.SelectMany(n => n.Addresses().Select(a => new IpConfig
        {
            Version = a.Address.Family == IpFamily.V4 ? 4 : 6,
            Address = a.Cidr,
            Nic = n.IfName,
            IpPool = a.Pool,
            Gateway = a.Gateway,
            Vlan = n.Vlan,
        })).ToList(),
        Routes = nics.SelectMany(n => n.Routes.Select(r => new Cni.Contract.Route { IfName = n.IfName, Dst = r.Dst, Gw = r.Gw })).ToList(),
    };

    /// <summary>The static addresses asked for (CNI_ARGS <c>IP=</c>, <c>runtimeConfig.ips</c>), deduplicated; null when invalid.</summary>
    private static IReadOnlyList<IpAddr>? StaticAddresses(IReadOnlyList<string>? texts)
    {
        if (texts is not { Count: > 0 })
        {
            return [];
        }

        var addresses = new List<IpAddr>();
        foreach (var text in texts ?? [])
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (!IpAddr.TryParse(slash < 0 ? text : text[..slash], out var address))
            {
                return null;
            }

            if (!addresses.Contains(address.Value))
            {
                addresses.Add(address.Value);
            }
        }

        return addresses.GroupBy(a => a.Family).Any(g => g.Count() > 1) ? null : addresses;
    }

    private static string StaticAddressError(IReadOnlyList<string>? texts) =>
        $"the static addresses asked for ({string.Join(", ", texts ?? [])}, from CNI_ARGS IP= and runtimeConfig.ips) must be IP addresses, at most one IPv4 and one IPv6 for the interface";

    private PodIdentity Identify(string? podNamespace, string? podName, string containerId, string ifName) =>
        PodIdentity.Resolve(podNamespace, podName, containerId, ifName, Settings.StandaloneNamespace);

    private static string PodSubject(PodIdentity pod, string containerId) => $"{pod} (container {containerId})";

    private static IpamOutcome? Missing(params (string Name, string? Value)[] fields)
    {
        var missing = fields.Where(f => string.IsNullOrEmpty(f.Value)).Select(f => f.Name).ToList();
        return missing.Count == 0 ? null : IpamOutcome.Failure(CniErrorCode.InvalidRequest, $"required field(s) {string.Join(", ", missing)} missing or empty");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Verb} for {Subject} got no answer from the cluster: {Error}")]
    private partial void LogClusterCallFailed(string verb, string subject, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "CNI GC of network {NetName} released {Count} addresses")]
    private partial void LogGc(string netName, int count);
}
