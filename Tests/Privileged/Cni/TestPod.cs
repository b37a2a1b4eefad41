namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// A pod as the runtime describes it to CNI: its identity (CNI_ARGS), its sandbox (CNI_CONTAINERID) and the path of
/// the sandbox's network namespace (CNI_NETNS). A retry of the same pod keeps the identity and gets a
/// new container and namespace, as kubelet makes it (<see cref="CniFixture.NextSandboxAsync"/>).
/// </summary>
public sealed record TestPod(string Namespace, string Name, string Uid, string ContainerId, string Netns, string IfName = "eth0")
{
    public const string PodNamespace = "cni-tests";

    public string NetnsPath => NetworkNamespaces.PathOf(Netns);

    /// <summary>CNI_ARGS as kubelet sends it (host-local and libcni refuse unknown keys without IgnoreUnknown).</summary>
    public string CniArgs => $"IgnoreUnknown=1;K8S_POD_NAMESPACE={Namespace};K8S_POD_NAME={Name};K8S_POD_INFRA_CONTAINER_ID={ContainerId};K8S_POD_UID={Uid}";

    /// <summary>The environment of a CNI call for this pod; the caller may remove or change entries.</summary>
    public Dictionary<string, string?> Environment(string command, string cniPath) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = ContainerId,
        ["CNI_NETNS"] = NetnsPath,
        ["CNI_IFNAME"] = IfName,
        ["CNI_ARGS"] = CniArgs,
        ["CNI_PATH"] = cniPath,
    };
}
