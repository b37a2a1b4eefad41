using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>CNI DEL: <c>DELETE /v1/ipam/ip</c>; idempotent, no output.</summary>
internal static class DelCommand
{
    public static void Run(CniInvocation invocation)
    {
        var (env, config, agent, log) = invocation;

        var args = new IpamDelArgs
        {
            ContainerId = env.ContainerId,
            IfName = env.IfName,
            NetNamespace = env.NetNs.Length > 0 ? env.NetNs : null,
            // Empty outside Kubernetes: NodeHost finds the allocation by container id and interface.
            PodNamespace = env.Args.PodNamespace ?? "",
            PodName = env.Args.PodName ?? "",
            PodUid = env.Args.PodUid ?? "",
            NetName = config.Name,
            CniVersion = config.CniVersion,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(args, CniContractJsonContext.Default.IpamDelArgs);

        // Unlike Spiderpool's plugin, which logs and returns success, an unreachable daemon is code 11 here: a DEL
        // swallowed now is an address leaked until GC, while the runtime retries a failed DEL (kubelet keeps
        // tearing the sandbox down), and the NodeHost that answers the retry releases it.
        var answer = agent.Send(HttpMethod.Delete, AgentApi.IpPath, body, CniErrorCode.TryAgainLater);
        if (answer.IsSuccess || answer.Status == 404)
        {
            log.Info(answer.Status == 404 ? "NodeHost holds nothing for this attachment" : "released");
            return;
        }

        var error = AgentErrors.From(answer, $"DELETE {AgentApi.IpPath}", CniErrorCode.ReleaseFailed);
        if (error.Code == (int)CniErrorCode.NotAllocated)
        {
            log.Info($"NodeHost holds nothing for this attachment: {error.Message}");
            return;
        }

        throw error;
    }
}
