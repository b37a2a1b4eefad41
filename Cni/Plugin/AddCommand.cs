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
        RequirePodIdentity(env, "ADD");

        var args = new IpamAddArgs
        {
            ContainerId = env.ContainerId,
            IfName = env.IfName,
            NetNamespace = env.NetNs,
            PodNamespace = env.Args.PodNamespace!,
            PodName = env.Args.PodName!,
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

    /// <summary>NodeHost keys allocations by pod, so a pod-less invocation (not under Kubernetes) cannot be served.</summary>
    internal static void RequirePodIdentity(CniEnvironment env, string verb)
    {
        if (!env.Args.HasPodIdentity)
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables,
                $"CNI_ARGS must carry K8S_POD_NAMESPACE and K8S_POD_NAME for {verb}: NodeHost keeps allocations per pod",
                $"CNI_ARGS had K8S_POD_NAMESPACE '{env.Args.PodNamespace}' and K8S_POD_NAME '{env.Args.PodName}'");
        }
    }
}
