using System.Text;
using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// Turns a failed NodeHost answer into the CNI error for the runtime. Preferred: an <see cref="AgentError"/> body,
/// whose code is passed through. Spiderpool's agent sends a bare JSON string with HTTP 500: that becomes the verb's
/// default code. Anything else (another status without an <see cref="AgentError"/>, a non-JSON body) is
/// <see cref="CniErrorCode.DaemonError"/>.
/// </summary>
internal static class AgentErrors
{
    public static CniException From(AgentAnswer answer, string request, CniErrorCode defaultCode)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var where = $"NodeHost answered HTTP {answer.Status} to {request}";
        if (TryRead(answer.Body) is { } error)
        {
            return error.Code > 0
                ? new CniException(error.Code, error.Msg, string.IsNullOrEmpty(error.Details) ? where : $"{error.Details} ({where})")
                : new CniException(defaultCode, error.Msg, where);
        }

        if (answer.Status == 500 && TryReadString(answer.Body) is { } message)
            return new CniException(defaultCode, message, where);

        return new CniException(CniErrorCode.DaemonError,
            $"{where}, which the plugin contract does not define; check that NodeHost and the spiderpool plugin are the same version",
            Excerpt(answer.Body));
    }

    private static AgentError? TryRead(byte[] body)
    {
        try
        {
            return body.Length > 0 && body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..]
                ? JsonSerializer.Deserialize(body, CniContractJsonContext.Default.AgentError)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? TryReadString(byte[] body)
    {
        try
        {
            return body.Length > 0 ? JsonSerializer.Deserialize(body, CniContractJsonContext.Default.String) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Excerpt(byte[] body)
    {
        if (body.Length == 0)
            return "the body was empty";
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512));
        return $"body: {text}{(body.Length > 512 ? "..." : "")}";
    }
}
