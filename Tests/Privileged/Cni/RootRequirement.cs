namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The CNI path tests create network namespaces and macvlan links and let NodeHost send raw ARP frames. Without root
/// they must fail with this message rather than skip: CI runs as root, and a silent skip would hide the whole tier.
/// </summary>
public static class RootRequirement
{
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static void Check()
    {
        if (!IsRoot)
        {
            throw new InvalidOperationException(
                "The CNI path tests (Tests/Privileged/Cni) run Debian's macvlan plugin and the spiderpool plugin in network namespaces " +
                "they create, so they need root (CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW): run `sudo -E dotnet test Tests/Privileged/Privileged.csproj` " +
                "or Tests/run-tests.sh as root. CI runs them as root.");
        }
    }
}
