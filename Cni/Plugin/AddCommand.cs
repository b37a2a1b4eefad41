using System.Diagnostics;
using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// CNI ADD: one <c>POST /v1/ipam/ip</c> (no separate health probe first: it would only add a round trip, and an
/// unreachable daemon already gives code 11), then the result for CNI_IFNAME in the config's version.
/// </summary>
internal static class AddCommand
{
    public static byte[] Run(CniInvocation invocation)
    {
        var (env, config, agent, log) = invocation;

        var args = new IpamAddArgs
        {
            ContainerId = env.ContainerId,
            IfName = env.IfName,
            NetNamespace = env.NetNs,
            // Empty outside Kubernetes (podman sends only K8S_POD_NAME, ctr nothing): NodeHost then keys the
            // allocation by container id and interface.
            PodNamespace = env.Args.PodNamespace ?? "",
            PodName = env.Args.PodName ?? "",
            PodUid = env.Args.PodUid ?? "",
            DefaultIPv4Pools = config.Ipam.DefaultIPv4Pools,
            DefaultIPv6Pools = config.Ipam.DefaultIPv6Pools,
            CleanGateway = config.Ipam.CleanGateway,
            MatchMasterSubnet = config.Ipam.MatchMasterSubnet,
            NetName = config.Name,
            CniVersion = config.CniVersion,
            EnableIPConflictDetection = config.Ipam.EnableIPConflictDetection,
            EnableGatewayDetection = config.Ipam.EnableGatewayDetection,
            SendGratuitousArp = config.Ipam.SendGratuitousArp,
            Ips = env.Args.Ips.Count + config.RuntimeIps.Count == 0 ? null : [.. env.Args.Ips, .. config.RuntimeIps],
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(args, CniContractJsonContext.Default.IpamAddArgs);
        log.Debug($"POST {AgentApi.IpPath} {System.Text.Encoding.UTF8.GetString(body)}");

        var started = Stopwatch.GetTimestamp();
        var answer = agent.Send(HttpMethod.Post, AgentApi.IpPath, body, CniErrorCode.TryAgainLater);
        if (!answer.IsSuccess)
            throw AgentErrors.From(answer, $"POST {AgentApi.IpPath}", CniErrorCode.AllocationFailed);

        var result = AddResultAssembler.Assemble(answer.Body, env.IfName);
        log.Info($"allocated {string.Join(", ", result.Ips.Select(ip => IpText.Format(ip.Address, ip.Prefix)))} " +
                 $"in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        return CniOutput.Result(result, config.CniVersion);
    }
}
