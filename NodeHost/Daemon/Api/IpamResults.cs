using Spiderpool.Cni.Contract;

namespace Spiderpool.NodeHost.Api;

/// <summary>
/// The HTTP side of <see cref="IpamOutcome"/>, the contract the plugin reads (spec §5.2): 200 with the body; an
/// <see cref="AgentError"/> otherwise, under 400 for a request the plugin should not have sent, 404 for "nothing
/// recorded", 503 for "try again later" and 500 for every outcome the user must act on.
/// </summary>
internal static class IpamResults
{
    public static IResult ToHttp(IpamOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Code is not { } code)
        {
            return outcome.Body is null ? Results.Ok() : Results.Ok(outcome.Body);
        }

        return Results.Json(new AgentError { Code = (int)code, Msg = outcome.Message, Details = outcome.Details },
            CniContractJsonContext.Default.AgentError, statusCode: StatusOf(code));
    }

    public static int StatusOf(CniErrorCode code) => code switch
    {
        CniErrorCode.InvalidRequest => StatusCodes.Status400BadRequest,
        CniErrorCode.NotAllocated => StatusCodes.Status404NotFound,
        CniErrorCode.TryAgainLater => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static async Task<IResult> ToHttpAsync(Task<IpamOutcome> outcome) => ToHttp(await outcome);
}
