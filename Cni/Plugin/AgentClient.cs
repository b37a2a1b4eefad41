using System.Net.Http.Headers;
using System.Net.Sockets;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// HTTP/1.1 to NodeHost over its unix socket (<see cref="SocketsHttpHandler.ConnectCallback"/>, AOT-safe). A socket
/// that is missing, refuses, or does not answer in time becomes one CNI error with the caller's code (11 for
/// ADD/DEL/CHECK/GC so the runtime retries, 50 for STATUS).
/// </summary>
internal sealed class AgentClient : IDisposable
{
    private readonly HttpClient http;

    public AgentClient(string socketPath, TimeSpan connectTimeout, TimeSpan requestTimeout)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            // Short, so a dead daemon fails fast instead of holding the pod sandbox for the whole request timeout.
            ConnectTimeout = connectTimeout,

            // An HTTP(S)_PROXY in the runtime's environment must never capture a unix-socket request.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
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
        http = new HttpClient(handler)
        {
            BaseAddress = new Uri("http://localhost"),
            Timeout = requestTimeout,
            MaxResponseContentBufferSize = 1 << 20,
        };
    }

    public string SocketPath { get; }

    /// <summary>Sends one request and returns the whole answer, whatever its status.</summary>
    /// <exception cref="CniException"><paramref name="unreachableCode"/> when NodeHost cannot be reached or does not answer in time.</exception>
    public async Task<AgentAnswer> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CniErrorCode unreachableCode, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(AgentApi.JsonMediaType);
        }

        var retry = unreachableCode == CniErrorCode.TryAgainLater ? "; try again later" : "";
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new AgentAnswer((int)response.StatusCode, bytes);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own message says which limit elapsed, e.g. "... HttpClient.Timeout of 100 seconds elapsing."
            throw new CniException(unreachableCode, $"NodeHost at {SocketPath} did not answer {method} {Path(pathAndQuery)} in time{retry}", e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
        {
            // .NET reports a missing socket file as "Cannot assign requested address"; say what it means.
            var reason = File.Exists(SocketPath) ? Innermost(e) : "the socket file does not exist";
            throw new CniException(unreachableCode,
                $"cannot reach NodeHost at {SocketPath}: NodeHost is not running or not ready{retry}",
                $"{method} {Path(pathAndQuery)}: {reason}");
        }
    }

    public void Dispose() => http.Dispose();

    private static string Path(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? pathAndQuery : pathAndQuery[..query];
    }

    // The socket error ("Connection refused", "No such file or directory") is what tells an operator what to fix.
    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e.Message;
    }
}
