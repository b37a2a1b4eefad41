using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Spiderpool.Cni.Contract;
using Spiderpool.NodeHost.Api;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

/// <summary>NodeHost's one mapping of outcomes to the HTTP the plugin reads (status by CNI code, AgentError bodies).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class IpamResultsTests
{
    [Theory]
    [InlineData(CniErrorCode.InvalidRequest, 400)]
    [InlineData(CniErrorCode.NotAllocated, 404)]
    [InlineData(CniErrorCode.TryAgainLater, 503)]
    [InlineData(CniErrorCode.AllocationFailed, 500)]
    [InlineData(CniErrorCode.IpConflict, 500)]
    [InlineData(CniErrorCode.GatewayUnreachable, 500)]
    public async Task A_failure_answers_its_codes_status_with_an_agent_error_body(CniErrorCode code, int status)
    {
        var (actualStatus, body) = await ExecuteAsync(IpamOutcome.Failure(code, "what to fix"));

        Assert.Equal(status, actualStatus);
        Assert.Equal($$"""{"code":{{(int)code}},"msg":"what to fix"}""", body);
    }

    [Fact]
    public async Task Unavailable_is_try_again_later()
    {
        var (status, body) = await ExecuteAsync(IpamOutcome.Unavailable("no silo answers; retry"));

        Assert.Equal(503, status);
        Assert.Equal("""{"code":11,"msg":"no silo answers; retry"}""", body);
    }

    [Fact]
    public async Task A_success_answers_200_with_its_body_or_empty()
    {
        var (status, body) = await ExecuteAsync(IpamOutcome.Success(new IpamGcResponse { Released = ["10.0.0.2/24 pool-a"] }));
        Assert.Equal(200, status);
        Assert.Equal("""{"released":["10.0.0.2/24 pool-a"]}""", body);

        var (emptyStatus, emptyBody) = await ExecuteAsync(IpamOutcome.Success());
        Assert.Equal(200, emptyStatus);
        Assert.Equal("", emptyBody);
    }

    private static async Task<(int Status, string Body)> ExecuteAsync(IpamOutcome outcome)
    {
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await IpamResults.ToHttp(outcome).ExecuteAsync(context);
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
