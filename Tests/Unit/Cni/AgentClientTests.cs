using Spiderpool.Cni.Contract;
using Spiderpool.Cni.Plugin;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

/// <summary>
/// How a failed connect to NodeHost's socket becomes a CNI error. The in-process tests run as root, which connect(2)
/// never refuses with EACCES, so the mapping is tested on the errno here and end to end in
/// Tests/Privileged/Cni/SocketPermissionTests.
/// </summary>
public sealed class AgentClientTests
{
    private const string Socket = "/run/spidernet/spiderpool.sock";
    private const int PermissionDenied = 110;

    [Fact]
    public void Permission_denied_on_connect_is_code_110_naming_the_socket_and_the_fix_without_inviting_a_retry()
    {
        var error = AgentClient.Unreachable(Socket, new UnixSocketException("connect", UnixSocketException.Eacces), "POST /v1/ipam/ip", CniErrorCode.TryAgainLater);

        Assert.Equal(
            (PermissionDenied, $"permission denied on NodeHost's socket {Socket}: run the plugin as root (the container runtime does)", "POST /v1/ipam/ip: Permission denied"),
            (error.Code, error.Message, error.Details));
    }

    [Fact]
    public void Permission_denied_on_connect_for_status_keeps_code_50_since_status_may_only_fail_with_50_or_51()
    {
        var error = AgentClient.Unreachable(Socket, new UnixSocketException("connect", UnixSocketException.Eacces), "GET /v1/ipam/healthy", CniErrorCode.PluginNotAvailable);

        Assert.Equal(
            (50, $"permission denied on NodeHost's socket {Socket}: run the plugin as root (the container runtime does)"),
            (error.Code, error.Message));
    }

    [Fact]
    public void A_refused_connect_is_the_verbs_retry_code()
    {
        var error = AgentClient.Unreachable(Socket, new UnixSocketException("connect", 111), "POST /v1/ipam/ip", CniErrorCode.TryAgainLater);

        Assert.Equal(
            (11, $"cannot reach NodeHost at {Socket}: NodeHost is not running or not ready; try again later", "POST /v1/ipam/ip: Connection refused"),
            (error.Code, error.Message, error.Details));
    }
}
