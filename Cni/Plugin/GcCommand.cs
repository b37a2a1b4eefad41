using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>CNI GC: <c>POST /v1/ipam/gc</c> with the network name and the attachments the runtime still has.</summary>
internal static class GcCommand
{
    public static void Run(CniInvocation invocation)
    {
        var (_, config, agent, log) = invocation;
        var args = new IpamGcArgs { NetName = config.Name, ValidAttachments = config.ValidAttachments! };
        var body = JsonSerializer.SerializeToUtf8Bytes(args, CniContractJsonContext.Default.IpamGcArgs);

        var answer = agent.Send(HttpMethod.Post, AgentApi.GcPath, body, CniErrorCode.TryAgainLater);
        if (!answer.IsSuccess)
            throw AgentErrors.From(answer, $"POST {AgentApi.GcPath}", CniErrorCode.ReleaseFailed);

        IpamGcResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(answer.Body, CniContractJsonContext.Default.IpamGcResponse);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new CniException(CniErrorCode.InvalidDaemonResponse,
                $"NodeHost's answer to POST {AgentApi.GcPath} breaks the plugin contract: it is not an IpamGcResponse: {e.Message}",
                "check that NodeHost and the spiderpool plugin are the same version");
        }

        var released = response?.Released ?? [];
        log.Info($"GC of network {config.Name} kept {args.ValidAttachments.Count} attachments and released {released.Count}" +
                 (released.Count > 0 ? $": {string.Join("; ", released)}" : ""));
    }
}
