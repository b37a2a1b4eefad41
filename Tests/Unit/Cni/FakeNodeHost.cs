using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Spiderpool.Tests.Unit.Cni;

/// <summary>
/// A stand-in for NodeHost: a minimal HTTP/1.1 responder on a unix socket that records each request and answers
/// with <see cref="Respond"/>. One request per connection (it answers with Connection: close), which is all the
/// plugin sends.
/// </summary>
public sealed class FakeNodeHost : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;

    private FakeNodeHost(string socketPath)
    {
        SocketPath = socketPath;
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(16);
        acceptLoop = AcceptAsync();
    }

    public string SocketPath { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The answer to each request; 200 with an empty body unless a test sets it.</summary>
    public Func<RecordedRequest, FakeResponse> Respond { get; set; } = _ => new FakeResponse(200, "");

    public static FakeNodeHost Start(string socketPath) => new(socketPath);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        try
        {
            await acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var connection = await listener.AcceptAsync(stopping.Token);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                using var stream = new NetworkStream(connection);
                var request = await ReadRequestAsync(stream);
                if (request is null)
                    return;
                Requests.Enqueue(request);
                var response = Respond(request);
                if (response.Delay > TimeSpan.Zero)
                    await Task.Delay(response.Delay, stopping.Token);
                var body = Encoding.UTF8.GetBytes(response.Body);
                var head = string.Create(CultureInfo.InvariantCulture,
                    $"HTTP/1.1 {response.Status} Fake\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stopping.Token);
                await stream.WriteAsync(body, stopping.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The plugin gave up (timeout tests) or the test ended.
            }
        }
    }

    private async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one, stopping.Token) == 0)
                return null;
            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var length = lines.Skip(1)
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, stopping.Token);
        return new RecordedRequest(requestLine[0], requestLine[1], Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> buffer) =>
        buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n';
}
