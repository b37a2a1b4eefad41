using Spiderpool.Cni.Contract;

namespace Spiderpool.NodeHost.Api;

/// <summary>
/// What a CNI call came to, before it is HTTP: a body to answer 200 with, or a CNI error code with the message the
/// runtime shows. <see cref="IpamResults"/> is the one place that turns it into a status code.
/// </summary>
internal sealed record IpamOutcome
{
    private IpamOutcome()
    {
    }

    /// <summary>The 200 body; null on failure (and for calls that answer an empty 200).</summary>
    public object? Body { get; private init; }

    /// <summary>The CNI error code; null on success.</summary>
    public CniErrorCode? Code { get; private init; }

    public string Message { get; private init; } = "";

    public string? Details { get; private init; }

    public bool Succeeded => Code is null;

    public static IpamOutcome Success(object? body = null) => new() { Body = body };

    public static IpamOutcome Failure(CniErrorCode code, string message, string? details = null) =>
        new() { Code = code, Message = message, Details = details };

    /// <summary>"Try again later": the cluster could not be asked, or its answer is unknown (every verb is idempotent).</summary>
    public static IpamOutcome Unavailable(string message) => Failure(CniErrorCode.TryAgainLater, message);
}
