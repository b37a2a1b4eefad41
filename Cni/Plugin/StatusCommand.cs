using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>CNI STATUS: ready when NodeHost answers <c>GET /v1/ipam/healthy</c> with success; otherwise code 50.</summary>
internal static class StatusCommand
{
    public static void Run(CniInvocation invocation)
    {
        var answer = invocation.Agent.Send(HttpMethod.Get, AgentApi.HealthyPath, null, CniErrorCode.PluginNotAvailable);
        if (answer.IsSuccess)
            return;

        // STATUS may only fail with 50 or 51; NodeHost may pick 51 when existing pods are affected too.
        var error = AgentErrors.From(answer, $"GET {AgentApi.HealthyPath}", CniErrorCode.PluginNotAvailable);
        var code = error.Code == (int)CniErrorCode.PluginNotAvailableLimitedConnectivity ? error.Code : (int)CniErrorCode.PluginNotAvailable;
        throw new CniException(code, $"NodeHost at {invocation.Agent.SocketPath} is not ready: {error.Message}", error.Details);
    }
}
