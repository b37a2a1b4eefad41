using System.Text;
using System.Text.Json.Nodes;

namespace Spiderpool.Tests.CniBench;

/// <summary>
/// One IPAM plugin under test, invoked IPAM-only as a main plugin (macvlan) would: the whole network config on stdin,
/// the pod's CNI variables in the environment. No namespace is touched by either side, so none is needed.
/// </summary>
internal sealed class IpamSide(string name, string binary, Func<bool, JsonObject> ipam)
{
    /// <summary>Not a real namespace: neither IPAM plugin enters it (NodeHost's probes and announcements are off).</summary>
    private const string NetNs = "/var/run/netns/cnibench-unused";

    public string Name { get; } = name;

    public string Binary { get; } = binary;

    public byte[] Config(bool dualStack) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = dualStack ? "cnibench-dual" : "cnibench-v4",
        ["type"] = "macvlan",
        ["master"] = "parent0",
        ["ipam"] = ipam(dualStack),
    }.ToJsonString());

    public static Dictionary<string, string> Environment(string command, string id) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = id,
        ["CNI_NETNS"] = NetNs,
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/usr/lib/cni",

        // As kubelet sends them; host-local refuses unknown keys without IgnoreUnknown.
        ["CNI_ARGS"] = $"IgnoreUnknown=1;K8S_POD_NAMESPACE=cnibench;K8S_POD_NAME={id};K8S_POD_INFRA_CONTAINER_ID={id};K8S_POD_UID=uid-{id}",
    };

    public Task<Invocation> AddAsync(string id, byte[] config) => PluginProcess.RunAsync(Binary, Environment("ADD", id), config);

    public Task<Invocation> DelAsync(string id, byte[] config) => PluginProcess.RunAsync(Binary, Environment("DEL", id), config);
}
