namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// Cluster-wide IPAM settings, the one definition: the <c>spiderpool-conf</c> keys of spec §6.1 (defaults are the
/// Helm defaults), the agent's install namespace (<c>SPIDERPOOL_POD_NAMESPACE</c>, used to qualify bare
/// <c>spec.multusName</c> entries and a namespace-less default network) and <c>MULTUS_CLUSTER_NETWORK</c>. The silo
/// binds it from configuration section <see cref="Section"/> (keys as in the README: <c>EnableIPv4</c>, ...).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.SelectionSettings")]
public sealed record SelectionSettings
{
    public const string Section = "Spiderpool:Ipam";

    [Id(0)] public bool EnableIpv4 { get; init; } = true;
    [Id(1)] public bool EnableIpv6 { get; init; } = true;
    [Id(2)] public bool EnableStatefulSet { get; init; } = true;
    [Id(3)] public bool EnableKubevirtStaticIp { get; init; } = true;
    [Id(4)] public bool EnableSpiderSubnet { get; init; } = true;
    [Id(5)] public bool EnableAutoPoolForApplication { get; init; } = true;
    /// <summary>The namespace Spiderpool runs in (<c>SPIDERPOOL_POD_NAMESPACE</c>).</summary>
    [Id(6)] public string InstallNamespace { get; init; } = "kube-system";
    /// <summary><c>MULTUS_CLUSTER_NETWORK</c>: the NetworkAttachmentDefinition (<c>ns/name</c> or bare name) of the first NIC
    /// when the pod has no <c>v1.multus-cni.io/default-network</c> annotation; empty when unset.</summary>
    [Id(7)] public string MultusClusterNetwork { get; init; } = "";
}
