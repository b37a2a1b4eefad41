using System.Net.Sockets;
using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The tests' own view into NodeHost over its unix socket (the contract's paths and JSON), to see what the cluster
/// recorded independently of what the plugin printed: "nothing allocated" is a 404 here.
/// </summary>
public sealed class NodeHostApi : IDisposable
{
    private readonly HttpClient http;

    public NodeHostApi(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            // NodeHost is restarted by some tests: never reuse a connection to a process that may be gone.
            PooledConnectionLifetime = TimeSpan.Zero,
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromSeconds(90) };
    }

    public Task<EndpointLookup> EndpointAsync(TestPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return LookUpAsync(AgentApi.WorkloadEndpointPathAndQuery(pod.Namespace, pod.Name));
    }

    /// <summary>The record of a container started without Kubernetes (no pod namespace and name), by container and interface.</summary>
    public Task<EndpointLookup> StandaloneEndpointAsync(TestPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return LookUpAsync(AgentApi.WorkloadEndpointPathAndQuery("", "", pod.ContainerId, pod.IfName));
    }

    private async Task<EndpointLookup> LookUpAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        return new EndpointLookup(status, status == 200 ? JsonSerializer.Deserialize(body, CniContractJsonContext.Default.WorkloadEndpointStatus) : null, body);
    }

    /// <summary>The HTTP status of <c>GET /v1/ipam/healthy</c>, or null while nothing answers on the socket.</summary>
    public async Task<int?> HealthStatusAsync()
    {
        try
        {
            using var response = await http.GetAsync(new Uri(AgentApi.HealthyPath, UriKind.Relative));
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
