using Xunit;

namespace Spiderpool.Tests.Privileged.Netlink;

/// <summary>These tests create namespaces and links: without root they fail with this message rather than skip.</summary>
internal static class Root
{
    public static void Require()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail(
                "The privileged tests create network namespaces, links and raw sockets and must run as root " +
                "(CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW): run `sudo dotnet test Tests/Privileged/Privileged.csproj`. CI runs them as root.");
        }
    }
}
