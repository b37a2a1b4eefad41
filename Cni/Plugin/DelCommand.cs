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

        // Unlike Spiderpool's plugin, which logs and returns success when its agent is down (the address leaks), a DEL
        // NodeHost cannot take now is recorded in the node's DEL journal and NodeHost releases it when it is back:
        // podman and ctr never retry a failed DEL. Only if even that fails is the answer "try again later".
        AgentAnswer answer;
        try
        {
            answer = agent.Send(HttpMethod.Delete, AgentApi.IpPath, body, CniErrorCode.TryAgainLater);
        }
        catch (CniException e) when (e.Code == (int)CniErrorCode.TryAgainLater)
        {
            Journal(invocation, body, e);
            return;
        }

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

        if (error.Code == (int)CniErrorCode.TryAgainLater)
        {
            Journal(invocation, body, error);
            return;
        }

        throw error;
    }

    private static void Journal(CniInvocation invocation, byte[] body, CniException undelivered)
    {
        var (env, config, _, log) = invocation;
        string path;
        try
        {
            path = DelJournal.Write(config.Ipam.DelJournalDirectory, env.ContainerId, env.IfName, body);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.TryAgainLater, undelivered.Message,
                $"{undelivered.Details}; recording the DEL in {config.Ipam.DelJournalDirectory} failed too: {e.Message}");
        }

        log.Warn($"NodeHost could not take the DEL ({undelivered.Message}); recorded it in {path}, NodeHost releases it when it is back");
    }
}
