using Microsoft.Extensions.Options;
using Spiderpool.Cni.Contract;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Nodes;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.NodeHost.Hosting;

namespace Spiderpool.NodeHost.Api;

/// <summary>
/// Turns a CNI call into one allocator call with everything it needs, and the answer into Spiderpool's response.
/// Errors carry our CNI code: "try again later" (11) whenever the cluster cannot be asked or the outcome is unknown
/// (kubelet retries; both ADD and DEL are idempotent), 100+ for outcomes the user must act on.
/// </summary>
internal sealed partial class IpamService(
    ClusterConnection connection,
    AddressProbes probes,
    IOptions<NodeHostOptions> options,
    ILogger<IpamService> logger)
{
    private NodeHostOptions Settings => options.Value;

    /// <summary>
    /// Healthy means an ADD could be served now: connected, and a silo answers a cheap call (the node's grain)
    /// within <see cref="HealthTimeout"/>. The plugin's STATUS turns anything else into CNI code 50.
    /// </summary>
    public async Task<IResult> HealthyAsync(CancellationToken cancellationToken)
    {
        if (connection.Grains is not { } grains)
        {
            return NotConnected();
        }

        try
        {
            await grains.GetGrain<INodeGrain>(Settings.NodeName).GetStatusAsync().WaitAsync(HealthTimeout, cancellationToken);
            return Results.Ok();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, CniErrorCode.TryAgainLater, $"no Spiderpool silo answers ({ex.Message})");
        }
    }

    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    public async Task<IResult> AddAsync(IpamAddArgs args, CancellationToken cancellationToken)
    {
        if (Missing(("containerID", args.ContainerId), ("ifName", args.IfName), ("podNamespace", args.PodNamespace), ("podName", args.PodName)) is { } missing)
        {
            return Error(StatusCodes.Status400BadRequest, CniErrorCode.InvalidRequest, missing);
        }

        if (connection.Grains is not { } grains)
        {
            return NotConnected();
        }

        // Without the Kubernetes integration, the pod is what CNI_ARGS says; pools come from the CNI configuration's
        // defaults, else the cluster's default pools (spec §3.3 ranks 5 and 6).
        var request = new PodAllocationRequest
        {
            ContainerId = args.ContainerId,
            NetName = args.NetName ?? "",
            Pod = new PodContext
            {
                PodNamespace = args.PodNamespace,
                PodName = args.PodName,
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

        AllocationResult result;
        try
        {
            result = await grains.GetGrain<IAllocatorGrain>(0).AllocatePodAsync(request).WaitAsync(Settings.CallTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogClusterCallFailed("ADD", args.PodNamespace, args.PodName, args.ContainerId, ex.Message);
            return Error(StatusCodes.Status503ServiceUnavailable, CniErrorCode.TryAgainLater, $"the Spiderpool cluster did not answer ({ex.Message}); retry");
        }

        switch (result.Outcome)
        {
            case AllocationOutcome.InvalidRequest:
                return Error(StatusCodes.Status400BadRequest, CniErrorCode.InvalidRequest, result.Message);
            case AllocationOutcome.NoAddress:
                return Error(StatusCodes.Status500InternalServerError, CniErrorCode.AllocationFailed, result.Message,
                    string.Join("; ", result.Rejections.Select(r => $"{r.IfName} IPv{(int)r.Family} {r.Pool}: {r.Reason}")));
            case AllocationOutcome.RetryLater:
                return Error(StatusCodes.Status503ServiceUnavailable, CniErrorCode.TryAgainLater, result.Message);
        }

        var nic = result.Nics.FirstOrDefault(n => n.IfName == args.IfName);
        if (nic is null)
        {
            return Error(StatusCodes.Status500InternalServerError, CniErrorCode.AllocationFailed, $"no Interface {args.IfName} IP allocation found for {args.PodNamespace}/{args.PodName}");
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
                    await QuarantineQuietlyAsync(grains, conflicting);
                }

                await ReleaseQuietlyAsync(grains, args.PodNamespace, args.PodName, args.PodUid, args.ContainerId, args.IfName);
                return Error(StatusCodes.Status500InternalServerError, problem.Code, problem.Message);
            }
        }

        if (args.SendGratuitousArp ?? Settings.SendGratuitousArp)
        {
            probes.Announce(args.NetNamespace, args.IfName, nic);
        }

        var uid = string.IsNullOrEmpty(args.PodUid) ? args.ContainerId : args.PodUid;
        // The node's attachment list only serves CNI GC, and a lost entry only means GC cannot find that attachment
        // (the address stays recorded, never doubled): keep its write off the ADD's critical path.
        _ = TrackAsync(grains, new NodeAttachment($"{args.PodNamespace}/{args.PodName}", uid, args.ContainerId, args.IfName, args.NetName ?? "", args.NetNamespace));
        return Results.Ok(ToResponse(result.Nics));
    }

    public async Task<IResult> DeleteAsync(IpamDelArgs args, CancellationToken cancellationToken)
    {
        if (Missing(("containerID", args.ContainerId), ("ifName", args.IfName), ("podNamespace", args.PodNamespace), ("podName", args.PodName)) is { } missing)
        {
            return Error(StatusCodes.Status400BadRequest, CniErrorCode.InvalidRequest, missing);
        }

        return await ReleaseAsync(args.PodNamespace, args.PodName, args.PodUid, args.ContainerId, args.IfName, cancellationToken);
    }

    public async Task<IResult> BatchDeleteAsync(IpamBatchDelArgs args, CancellationToken cancellationToken)
    {
        if (Missing(("containerID", args.ContainerId), ("podNamespace", args.PodNamespace), ("podName", args.PodName)) is { } missing)
        {
            return Error(StatusCodes.Status400BadRequest, CniErrorCode.InvalidRequest, missing);
        }

        return await ReleaseAsync(args.PodNamespace, args.PodName, args.PodUid, args.ContainerId, null, cancellationToken);
    }

    public async Task<IResult> GetWorkloadEndpointAsync(string? podNamespace, string? podName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(podNamespace) || string.IsNullOrEmpty(podName))
        {
            return Error(StatusCodes.Status400BadRequest, CniErrorCode.InvalidRequest, "query parameters podNamespace and podName are both required");
        }

        if (connection.Grains is not { } grains)
        {
            return NotConnected();
        }

        var record = await grains.GetGrain<IWorkloadGrain>($"{podNamespace}/{podName}").GetAsync().WaitAsync(Settings.CallTimeout, cancellationToken);
        if (record is null)
        {
            return Error(StatusCodes.Status404NotFound, CniErrorCode.NotAllocated, $"SpiderEndpoint not found for pod {podNamespace}/{podName}");
        }

        return Results.Ok(new WorkloadEndpointStatus
        {
            PodNamespace = podNamespace,
            PodName = podName,
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

    /// <summary>CNI GC: releases this node's attachments of the network that the runtime no longer lists.</summary>
    public async Task<IResult> GcAsync(IpamGcArgs args, CancellationToken cancellationToken)
    {
        if (connection.Grains is not { } grains)
        {
            return NotConnected();
        }

        var node = grains.GetGrain<INodeGrain>(Settings.NodeName);
        var status = await node.GetStatusAsync().WaitAsync(Settings.CallTimeout, cancellationToken);
        var valid = args.ValidAttachments.Select(a => (a.ContainerId, a.IfName)).ToHashSet();
        var released = new List<string>();
        foreach (var stale in status.Attachments.Where(a => a.NetName == args.NetName && !valid.Contains((a.ContainerId, a.IfName))))
        {
            var (ns, name) = SplitPodKey(stale.PodKey);
            var result = await ReleaseAsync(ns, name, stale.PodUid, stale.ContainerId, stale.IfName, cancellationToken);
            if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
            {
                released.Add($"{stale.ContainerId}/{stale.IfName}");
            }
        }

        LogGc(args.NetName, released.Count);
        return Results.Ok(new IpamGcResponse { Released = released });
    }

    private async Task<IResult> ReleaseAsync(string podNamespace, string podName, string podUid, string containerId, string? ifName, CancellationToken cancellationToken)
    {
        if (connection.Grains is not { } grains)
        {
            return NotConnected();
        }

        try
        {
            var request = new ReleaseRequest { PodNamespace = podNamespace, PodName = podName, PodUid = podUid, ContainerId = containerId, IfName = ifName };
            await grains.GetGrain<IAllocatorGrain>(0).ReleaseAsync(request).WaitAsync(Settings.CallTimeout, cancellationToken);
            _ = DetachAsync(grains, containerId, ifName);
            return Results.Ok();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogClusterCallFailed("DEL", podNamespace, podName, containerId, ex.Message);
            return Error(StatusCodes.Status503ServiceUnavailable, CniErrorCode.TryAgainLater, $"the Spiderpool cluster did not answer ({ex.Message}); retry");
        }
    }

    private async Task ReleaseQuietlyAsync(IGrainFactory grains, string podNamespace, string podName, string podUid, string containerId, string ifName)
    {
        try
        {
            var request = new ReleaseRequest { PodNamespace = podNamespace, PodName = podName, PodUid = podUid, ContainerId = containerId, IfName = ifName };
            await grains.GetGrain<IAllocatorGrain>(0).ReleaseAsync(request).WaitAsync(Settings.CallTimeout);
        }
        catch (Exception ex)
        {
            // Left recorded: the pod's DEL (or GC) releases it.
            LogClusterCallFailed("release after failed probe", podNamespace, podName, containerId, ex.Message);
        }
    }

    private async Task DetachAsync(IGrainFactory grains, string containerId, string? ifName)
    {
        try
        {
            await grains.GetGrain<INodeGrain>(Settings.NodeName).DetachAsync(containerId, ifName).WaitAsync(Settings.CallTimeout);
        }
        catch (Exception ex)
        {
            // A stale entry is harmless: CNI GC releases by container id, which finds nothing left to release.
            LogTrackFailed(containerId, ifName ?? "*", ex.Message);
        }
    }

    private async Task QuarantineQuietlyAsync(IGrainFactory grains, NicAddress address)
    {
        try
        {
            await grains.GetGrain<IIPPoolGrain>(address.Pool).QuarantineAsync(address.Address, Settings.ConflictQuarantine).WaitAsync(Settings.CallTimeout);
        }
        catch (Exception ex)
        {
            LogClusterCallFailed("quarantine", address.Pool, address.Address.ToString(), "", ex.Message);
        }
    }

    private async Task TrackAsync(IGrainFactory grains, NodeAttachment attachment)
    {
        try
        {
            await grains.GetGrain<INodeGrain>(Settings.NodeName).AttachAsync(attachment).WaitAsync(Settings.CallTimeout);
        }
        catch (Exception ex)
        {
            // The node's list only serves CNI GC; the allocation itself is recorded. Do not fail the ADD for it.
            LogTrackFailed(attachment.ContainerId, attachment.IfName, ex.Message);
        }
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

    private static (string Namespace, string Name) SplitPodKey(string podKey)
    {
        var slash = podKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", podKey) : (podKey[..slash], podKey[(slash + 1)..]);
    }

    private static string? Missing(params (string Name, string? Value)[] fields)
    {
        var missing = fields.Where(f => string.IsNullOrEmpty(f.Value)).Select(f => f.Name).ToList();
        return missing.Count == 0 ? null : $"required field(s) {string.Join(", ", missing)} missing or empty";
    }

    private static IResult NotConnected() =>
        Error(StatusCodes.Status503ServiceUnavailable, CniErrorCode.TryAgainLater, "NodeHost is not connected to the Spiderpool cluster yet; retry");

    private static IResult Error(int status, CniErrorCode code, string message, string? details = null) =>
        Results.Json(new AgentError { Code = (int)code, Msg = message, Details = details }, CniContractJsonContext.Default.AgentError, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Verb} for {Namespace}/{Pod} (container {ContainerId}) could not reach the cluster: {Error}")]
    private partial void LogClusterCallFailed(string verb, string @namespace, string pod, string containerId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording attachment {ContainerId}/{IfName} on the node failed: {Error}")]
    private partial void LogTrackFailed(string containerId, string ifName, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "CNI GC of network {NetName} released {Count} attachments")]
    private partial void LogGc(string netName, int count);
}
