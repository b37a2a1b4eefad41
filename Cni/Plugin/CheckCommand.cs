using System.Net;
using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// CNI CHECK: the addresses <c>prevResult</c> gives CNI_IFNAME must be exactly those NodeHost recorded for the
/// pod's interface (<c>GET /v1/workloadendpoint</c>). Routes are not compared: later plugins in the chain may change them.
/// </summary>
internal static class CheckCommand
{
    public static void Run(CniInvocation invocation)
    {
        var (env, config, agent, log) = invocation;
        var request = AgentApi.WorkloadEndpointPathAndQuery(env.Args.PodNamespace ?? "", env.Args.PodName ?? "", env.ContainerId, env.IfName);
        var answer = agent.Send(HttpMethod.Get, request, null, CniErrorCode.TryAgainLater);
        if (answer.Status == 404)
        {
            throw new CniException(CniErrorCode.NotAllocated,
                $"NodeHost has no allocation for pod {invocation.Pod}", $"GET {AgentApi.WorkloadEndpointPath} answered 404");
        }

        if (!answer.IsSuccess)
            throw AgentErrors.From(answer, $"GET {AgentApi.WorkloadEndpointPath}", CniErrorCode.DaemonError);

        WorkloadEndpointStatus? status;
        try
        {
            status = JsonSerializer.Deserialize(answer.Body, CniContractJsonContext.Default.WorkloadEndpointStatus);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw Invalid($"it is not a WorkloadEndpointStatus: {e.Message}");
        }

        if (status is null)
            throw Invalid("it is JSON null");

        if (!string.IsNullOrEmpty(env.Args.PodUid) && !string.Equals(status.PodUid, env.Args.PodUid, StringComparison.Ordinal))
        {
            throw new CniException(CniErrorCode.CheckMismatch,
                $"NodeHost's record of pod {invocation.Pod} belongs to pod uid '{status.PodUid}', not to K8S_POD_UID '{env.Args.PodUid}'");
        }

        var detail = status.Interfaces.FirstOrDefault(i => i is not null && string.Equals(i.Interface, env.IfName, StringComparison.Ordinal))
            ?? throw new CniException(CniErrorCode.NotAllocated, $"NodeHost records no interface {env.IfName} for pod {invocation.Pod}");

        var recorded = new List<(IPAddress Address, int? Prefix, string Text)>();
        foreach (var (text, field) in new[] { (detail.IPv4, "ipv4"), (detail.IPv6, "ipv6") })
        {
            if (string.IsNullOrEmpty(text))
                continue;
            if (IpText.TryParseCidr(text, out var address, out var prefix))
                recorded.Add((address, prefix, text));
            else if (IpText.TryParseAddress(text, out address))
                recorded.Add((address, null, text));
            else
                throw Invalid($"interfaces[{env.IfName}].{field} '{text}' is not an address");
        }

        var expected = config.PrevResult!.IpsOf(env.IfName);
        var matches = expected.Count == recorded.Count
            && recorded.All(r => expected.Any(e => e.Address.Equals(r.Address) && (r.Prefix is null || r.Prefix == e.Prefix)));
        if (!matches)
        {
            throw new CniException(CniErrorCode.CheckMismatch,
                $"interface {env.IfName} of pod {invocation.Pod} has {List(expected.Select(e => e.ToString()))} in prevResult, " +
                $"but NodeHost records {List(recorded.Select(r => r.Text))}");
        }

        log.Info($"checked {List(recorded.Select(r => r.Text))}");
    }

    private static string List(IEnumerable<string> addresses)
    {
        var text = string.Join(", ", addresses);
        return text.Length == 0 ? "no address" : text;
    }

    private static CniException Invalid(string why) => new(CniErrorCode.InvalidDaemonResponse,
        $"NodeHost's answer to GET {AgentApi.WorkloadEndpointPath} breaks the plugin contract: {why}",
        "check that NodeHost and the spiderpool plugin are the same version");
}
