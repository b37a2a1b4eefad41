namespace Spiderpool.Grains.Selection;

/// <summary>Annotation and label keys pool selection reads (spec §2.1–§2.5); the strings are Spiderpool's and Multus'.</summary>
public static class AnnotationKeys
{
    public const string PodIpPool = "ipam.spidernet.io/ippool";
    public const string PodIpPools = "ipam.spidernet.io/ippools";
    public const string PodSubnet = "ipam.spidernet.io/subnet";
    public const string PodSubnets = "ipam.spidernet.io/subnets";
    public const string PodRoutes = "ipam.spidernet.io/routes";
    public const string PodDefaultRouteNic = "ipam.spidernet.io/default-route-nic";
    public const string NamespaceDefaultIpv4IpPool = "ipam.spidernet.io/default-ipv4-ippool";
    public const string NamespaceDefaultIpv6IpPool = "ipam.spidernet.io/default-ipv6-ippool";
    public const string MultusDefaultNetwork = "v1.multus-cni.io/default-network";
    public const string MultusNetworks = "k8s.v1.cni.cncf.io/networks";

    /// <summary>Pool label whose presence marks an auto-created pool (spec §2.5).</summary>
    public const string OwnerApplicationName = "ipam.spidernet.io/owner-application-name";

    /// <summary>The five <c>spec.podAffinity.matchLabels</c> keys of an auto-created pool (spec §2.5, §3.12).</summary>
    public const string AppApiGroup = "ipam.spidernet.io/app-api-group";
    public const string AppApiVersion = "ipam.spidernet.io/app-api-version";
    public const string AppKind = "ipam.spidernet.io/app-kind";
    public const string AppNamespace = "ipam.spidernet.io/app-namespace";
    public const string AppName = "ipam.spidernet.io/app-name";
}
