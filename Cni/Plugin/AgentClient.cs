using System.Globalization;
using System.Text;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// HTTP/1.1 to NodeHost over its unix socket: one request per connection (<c>Connection: close</c>), written and
/// read by hand. HttpClient did the same job but its set-up cost the plugin ~3 ms of CPU per invocation (measured by
/// the CNI benchmark), more than the rest of an ADD; the plugin is started for every CNI call, so that cost counts.
/// The calls block, with socket timeouts, rather than await: in a process that makes one request, the first async
/// socket call starts the thread pool and the socket engine's epoll thread, which cost more CPU than the exchange
/// itself (see <c>Program.cs</c> for the numbers).
/// A socket that is missing, refuses, or does not answer in time becomes one CNI error with the caller's code (11 for
/// ADD/DEL/CHECK/GC so the runtime retries, 50 for STATUS); a socket the caller may not connect to is
/// <see cref="CniErrorCode.PermissionDenied"/> instead, since a retry cannot help.
/// </summary>
internal sealed class AgentClient(string socketPath, TimeSpan connectTimeout, TimeSpan requestTimeout)
{
    private const int MaxResponseBytes = 1 << 20;

    public string SocketPath { get; } = socketPath;

    /// <summary>Sends one request and returns the whole answer, whatever its status.</summary>
    /// <exception cref="CniException"><paramref name="unreachableCode"/> when NodeHost cannot be reached or does not answer in time.</exception>
    public AgentAnswer Send(HttpMethod method, string pathAndQuery, byte[]? body, CniErrorCode unreachableCode)
    {
        var request = $"{method} {Path(pathAndQuery)}";
        var connected = false;
        try
        {
            // Short, so a dead daemon fails fast instead of holding the pod sandbox for the whole request timeout.
            using var socket = UnixSocket.Connect(SocketPath, connectTimeout);
            connected = true;

            var deadline = Environment.TickCount64 + (long)requestTimeout.TotalMilliseconds;
            socket.SendAll(Request(method, pathAndQuery, body), Remaining(deadline));
            var response = ReadToEnd(socket, deadline);
            return Parse(response, method, pathAndQuery);
        }
        catch (Exception e) when (e is TimeoutException or UnixSocketException { Errno: UnixSocketException.Eagain })
        {
            var retry = unreachableCode == CniErrorCode.TryAgainLater ? "; try again later" : "";
            throw new CniException(unreachableCode, $"NodeHost at {SocketPath} did not answer {request} in time{retry}",
                connected
                    ? string.Create(CultureInfo.InvariantCulture, $"no answer within the request timeout of {requestTimeout.TotalSeconds:0.###} s")
                    : string.Create(CultureInfo.InvariantCulture, $"connecting took longer than the connect timeout of {connectTimeout.TotalSeconds:0.###} s"));
        }
        catch (IOException e)
        {
            throw Unreachable(SocketPath, e, request, unreachableCode);
        }
    }

    /// <summary>
    /// The CNI error for a socket that cannot be used, or an answer that cannot be read. EACCES from connect(2) is not
    /// "NodeHost is not running": NodeHost may well be, and a retry gets the same answer, so it is
    /// <see cref="CniErrorCode.PermissionDenied"/> and names the fix (STATUS keeps its 50, all the specification allows).
    /// </summary>
    internal static CniException Unreachable(string socketPath, IOException exception, string request, CniErrorCode unreachableCode)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is UnixSocketException { Errno: UnixSocketException.Eacces })
        {
            return new CniException(unreachableCode == CniErrorCode.PluginNotAvailable ? unreachableCode : CniErrorCode.PermissionDenied,
                $"permission denied on NodeHost's socket {socketPath}: run the plugin as root (the container runtime does)",
                $"{request}: {exception.Message}");
        }

        var retry = unreachableCode == CniErrorCode.TryAgainLater ? "; try again later" : "";
        var reason = exception is UnixSocketException { Errno: UnixSocketException.Enoent } ? "the socket file does not exist" : exception.Message;
        return new CniException(unreachableCode,
            $"cannot reach NodeHost at {socketPath}: NodeHost is not running or not ready{retry}",
            $"{request}: {reason}");
    }

    private static byte[] ReadToEnd(UnixSocket socket, long deadline)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = socket.Receive(chunk, Remaining(deadline))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxResponseBytes)
            {
                throw new IOException($"NodeHost's answer is larger than {MaxResponseBytes} bytes");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>What is left of the whole request's time, for the next socket call (socket timeouts count per call).</summary>
    /// <exception cref="TimeoutException">Nothing is left.</exception>
    private static TimeSpan Remaining(long deadline)
    {
        var left = deadline - Environment.TickCount64;
        return left > 0 ? TimeSpan.FromMilliseconds(left) : throw new TimeoutException();
    }

    private static byte[] Request(HttpMethod method, string pathAndQuery, byte[]? body)
    {
        var head = new StringBuilder()
            .Append(method.Method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: localhost\r\nConnection: close\r\n");
        if (body is not null)
        {
            head.Append("Content-Type: ").Append(AgentApi.JsonMediaType).Append("\r\n")
                .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        return body is null ? headBytes : [.. headBytes, .. body];
    }

    private static AgentAnswer Parse(byte[] response, HttpMethod method, string pathAndQuery)
    {
        var span = response.AsSpan();
        var headerEnd = span.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            throw new IOException($"NodeHost's answer to {method} {Path(pathAndQuery)} ended before its headers did");
        }

        var lines = Encoding.ASCII.GetString(span[..headerEnd]).Split("\r\n");
        var status = lines[0].Split(' ');
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) ||
            !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new IOException($"NodeHost answered {method} {Path(pathAndQuery)} with a malformed status line '{lines[0]}'");
        }

        var chunked = false;
        int? length = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) &&
                int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                length = parsed;
            }
        }

        var content = span[(headerEnd + 4)..];
        if (chunked)
        {
            return new AgentAnswer(code, Dechunk(content));
        }

        if (length is { } exact)
        {
            if (exact > content.Length)
            {
                throw new IOException($"NodeHost's answer to {method} {Path(pathAndQuery)} was cut short ({content.Length} of {exact} bytes)");
            }

            content = content[..exact];
        }

        return new AgentAnswer(code, content.ToArray());
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> content)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var lineEnd = content.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                throw new IOException("NodeHost's chunked answer ended inside a chunk header");
            }

            var sizeText = Encoding.ASCII.GetString(content[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new IOException($"NodeHost's chunked answer has a malformed chunk size '{sizeText}'");
            }

            content = content[(lineEnd + 2)..];
            if (size == 0)
            {
                return body.ToArray();
            }

            if (content.Length < size + 2)
            {
                throw new IOException("NodeHost's chunked answer was cut short");
            }

            body.Write(content[..size]);
            content = content[(size + 2)..];
        }
    }

    private static string Path(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? pathAndQuery : pathAndQuery[..query];
    }
}
