using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Builders and a one-line rendering of selection results, so each table row states its expectation exactly.</summary>
internal static class SelectionFixture
{
    public const string InstallNamespace = "spiderpool";

    public static readonly SelectionSettings Settings = new() { InstallNamespace = InstallNamespace };

    public static readonly TopController Deployment = new() { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web", Uid = "dep-uid" };

    /// <summary>A Deployment pod in namespace demo on node worker-1, configuring eth0, with no selection annotations.</summary>
    public static PodContext Pod(
        Dictionary<string, string>? annotations = null,
        Dictionary<string, string>? namespaceAnnotations = null,
        string ifName = "eth0",
        CniIpamConfig? ipam = null,
        TopController? top = null,
        Dictionary<string, string>? labels = null) => new()
        {
            PodNamespace = "demo",
            PodName = "web-7d9f-abcde",
            PodUid = "pod-uid",
            PodLabels = labels ?? new() { ["app"] = "web" },
            PodAnnotations = annotations ?? [],
            Owner = new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web-7d9f", Uid = "rs-uid" },
            TopController = top ?? Deployment,
            NamespaceLabels = new Dictionary<string, string> { ["team"] = "blue" },
            NamespaceAnnotations = namespaceAnnotations ?? [],
            NodeName = "worker-1",
            NodeLabels = new Dictionary<string, string> { ["zone"] = "a" },
            IfName = ifName,
            Ipam = ipam ?? new CniIpamConfig(),
        };

    public static PoolIndexEntry V4(string name) => new() { Name = name, Family = IpFamily.V4 };

    public static PoolIndexEntry V6(string name) => new() { Name = name, Family = IpFamily.V6 };

    public static LabelSelector Selector(string key, string value) => new() { MatchLabels = new Dictionary<string, string> { [key] = value } };

    /// <summary>The pool index most rows run against.</summary>
    public static readonly PoolIndexEntry[] StandardPools =
    [
        V4("v4-a"), V4("v4-b"), V4("ns-v4"), V4("conf-v4"),
        V4("v4-default") with { Default = true },
        V4("v4-disabled") with { Disable = true },
        V4("v4-terminating") with { Terminating = true },
        V6("v6-a"), V6("v6-b"), V6("ns-v6"), V6("conf-v6"),
        V6("v6-default") with { Default = true },
    ];

    public static string Select(PodContext pod, IReadOnlyList<PoolIndexEntry>? pools = null, SelectionSettings? settings = null) =>
        Render(PoolSelector.Select(pod, pools ?? StandardPools, settings ?? Settings));

    /// <summary><c>eth0 v4[a, b] v6[c] clean-gateway | net1 ...</c>, or <c>error: message</c>.</summary>
    public static string Render(SelectionResult result) =>
        result.Succeeded
            ? string.Join(" | ", result.Interfaces.Select(i =>
                $"{i.IfName} v4[{string.Join(", ", i.V4Pools)}] v6[{string.Join(", ", i.V6Pools)}]{(i.CleanGateway ? " clean-gateway" : "")}"))
            : $"error: {result.Error}";

    public static Dictionary<string, string> IpPool(string json) => new() { [AnnotationKeys.PodIpPool] = json };
}
