using Microsoft.AspNetCore.Mvc;
using Spiderpool.Cni.Contract;

namespace Spiderpool.NodeHost.Api;

/// <summary>Spiderpool's agent API on the unix socket (paths and shapes of spec §5.2, plus our GC call).</summary>
internal static class IpamApi
{
    public static void MapIpamApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(AgentApi.HealthyPath, (IpamService ipam, CancellationToken ct) => IpamResults.ToHttpAsync(ipam.HealthyAsync(ct)));
        app.MapPost(AgentApi.IpPath, (IpamAddArgs args, IpamService ipam, CancellationToken ct) => IpamResults.ToHttpAsync(ipam.AddAsync(args, ct)));
        app.MapDelete(AgentApi.IpPath, ([FromBody] IpamDelArgs args, IpamService ipam, CancellationToken ct) => IpamResults.ToHttpAsync(ipam.DeleteAsync(args, ct)));
        app.MapDelete(AgentApi.IpsPath, ([FromBody] IpamBatchDelArgs args, IpamService ipam, CancellationToken ct) => IpamResults.ToHttpAsync(ipam.BatchDeleteAsync(args, ct)));
        app.MapGet(AgentApi.WorkloadEndpointPath, (string? podNamespace, string? podName, [FromQuery(Name = AgentApi.ContainerIdQuery)] string? containerId, string? ifName, IpamService ipam, CancellationToken ct) =>
            IpamResults.ToHttpAsync(ipam.GetWorkloadEndpointAsync(podNamespace, podName, containerId, ifName, ct)));
        app.MapPost(AgentApi.GcPath, (IpamGcArgs args, IpamService ipam, CancellationToken ct) => IpamResults.ToHttpAsync(ipam.GcAsync(args, ct)));
    }
}
