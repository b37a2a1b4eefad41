using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Allocation;

/// <summary>Cluster-wide IPAM switches (section <c>Spiderpool:Ipam</c>; Spiderpool's configmap keys of the same names).</summary>
public sealed class IpamOptions
{
    public const string Section = "Spiderpool:Ipam";

    public bool EnableIPv4 { get; set; } = true;

    public bool EnableIPv6 { get; set; } = true;

    public bool EnableStatefulSet { get; set; } = true;

    public bool EnableKubevirtStaticIP { get; set; } = true;

    public bool EnableSpiderSubnet { get; set; }

    public bool EnableAutoPoolForApplication { get; set; }

    /// <summary>Namespace Spiderpool is installed in: bare <c>multusName</c> entries mean a NAD there.</summary>
    public string InstallNamespace { get; set; } = "kube-system";

    /// <summary>The NAD of every pod's first interface when the pod does not say (env MULTUS_CLUSTER_NETWORK upstream).</summary>
    public string MultusClusterNetwork { get; set; } = "";

    public SelectionSettings ToSelectionSettings() => new()
    {
        EnableIpv4 = EnableIPv4,
        EnableIpv6 = EnableIPv6,
        EnableStatefulSet = EnableStatefulSet,
        EnableKubevirtStaticIp = EnableKubevirtStaticIP,
        EnableSpiderSubnet = EnableSpiderSubnet,
        EnableAutoPoolForApplication = EnableAutoPoolForApplication,
        InstallNamespace = InstallNamespace,
        MultusClusterNetwork = MultusClusterNetwork,
    };
}
