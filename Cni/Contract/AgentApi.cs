namespace Spiderpool.Cni.Contract;

/// <summary>
/// Where the NodeHost daemon listens and the paths of its HTTP/JSON API (Spiderpool's agent API, swagger basePath
/// <c>/v1</c>). The plugin and NodeHost both use these so a renamed path cannot drift between the two sides.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>request</term><description>answers</description></listheader>
/// <item><term><c>GET /v1/ipam/healthy</c></term><description>200 empty when NodeHost can serve ADD; 500 otherwise.</description></item>
/// <item><term><c>POST /v1/ipam/ip</c> <see cref="IpamAddArgs"/></term><description>200 <see cref="IpamAddResponse"/>; 500 error.</description></item>
/// <item><term><c>DELETE /v1/ipam/ip</c> <see cref="IpamDelArgs"/></term><description>200, also when nothing was held (DEL is idempotent); 500 error.
/// The plugin also takes 404, or an <see cref="AgentError"/> with <see cref="CniErrorCode.NotAllocated"/>, as "nothing held".</description></item>
/// <item><term><c>DELETE /v1/ipam/ips</c> <see cref="IpamBatchDelArgs"/></term><description>200; 500 error; 521/522 release forbidden.</description></item>
/// <item><term><c>GET /v1/workloadendpoint?podNamespace=&amp;podName=</c></term><description>200 <see cref="WorkloadEndpointStatus"/>; 404; 500 error.</description></item>
/// <item><term><c>POST /v1/ipam/gc</c> <see cref="IpamGcArgs"/></term><description>200 <see cref="IpamGcResponse"/>; 500 error (our addition).</description></item>
/// </list>
/// An error body is either a bare JSON string (Spiderpool's <c>Error</c> model) or, preferred, an
/// <see cref="AgentError"/> object that carries one of the <see cref="CniErrorCode"/> values.
/// </remarks>
public static class AgentApi
{
    /// <summary>The unix socket NodeHost serves on unless the CNI config sets <c>ipam.ipam_unix_socket_path</c>.</summary>
    public const string DefaultSocketPath = "/var/run/spidernet/spiderpool.sock";

    /// <summary>Swagger basePath of the agent API; every path below starts with it.</summary>
    public const string BasePath = "/v1";

    /// <summary><c>GET</c>: readiness of NodeHost (CNI STATUS).</summary>
    public const string HealthyPath = "/v1/ipam/healthy";

    /// <summary><c>POST</c> allocates (CNI ADD), <c>DELETE</c> releases one interface (CNI DEL).</summary>
    public const string IpPath = "/v1/ipam/ip";

    /// <summary><c>DELETE</c>: releases every address of a pod at once.</summary>
    public const string IpsPath = "/v1/ipam/ips";

    /// <summary><c>GET</c>: what NodeHost recorded for a pod (CNI CHECK); query <see cref="PodNamespaceQuery"/> and <see cref="PodNameQuery"/>.</summary>
    public const string WorkloadEndpointPath = "/v1/workloadendpoint";

    /// <summary><c>POST</c>: releases this node's allocations of one network that the runtime no longer lists (CNI GC).</summary>
    public const string GcPath = "/v1/ipam/gc";

    /// <summary>Query parameter of <see cref="WorkloadEndpointPath"/>.</summary>
    public const string PodNamespaceQuery = "podNamespace";

    /// <summary>Query parameter of <see cref="WorkloadEndpointPath"/>.</summary>
    public const string PodNameQuery = "podName";

    /// <summary>Media type of every request and answer body.</summary>
    public const string JsonMediaType = "application/json";

    /// <summary><c>DELETE /v1/ipam/ips</c>: releasing the IPs of a stateless workload is forbidden.</summary>
    public const int StatusForbidStatelessRelease = 521;

    /// <summary><c>DELETE /v1/ipam/ips</c>: releasing the IPs of a stateful workload is forbidden.</summary>
    public const int StatusForbidStatefulRelease = 522;

    /// <summary>Query parameter of <see cref="WorkloadEndpointPath"/> (ours): the container, for a pod without Kubernetes identity.</summary>
    public const string ContainerIdQuery = "containerID";

    /// <summary>Query parameter of <see cref="WorkloadEndpointPath"/> (ours): the interface, for a pod without Kubernetes identity.</summary>
    public const string IfNameQuery = "ifName";

    /// <summary>
    /// The path and query of a <c>GET /v1/workloadendpoint</c> for one pod, every value escaped. Namespace and name
    /// may be empty outside Kubernetes; NodeHost then finds the record by container id and interface.
    /// </summary>
    public static string WorkloadEndpointPathAndQuery(string podNamespace, string podName, string? containerId = null, string? ifName = null)
    {
        ArgumentNullException.ThrowIfNull(podNamespace);
        ArgumentNullException.ThrowIfNull(podName);
        var query = $"{WorkloadEndpointPath}?{PodNamespaceQuery}={Uri.EscapeDataString(podNamespace)}&{PodNameQuery}={Uri.EscapeDataString(podName)}";
        if (!string.IsNullOrEmpty(containerId))
            query += $"&{ContainerIdQuery}={Uri.EscapeDataString(containerId)}";
        if (!string.IsNullOrEmpty(ifName))
            query += $"&{IfNameQuery}={Uri.EscapeDataString(ifName)}";
        return query;
    }
}
