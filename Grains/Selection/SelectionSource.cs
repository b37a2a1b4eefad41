namespace Spiderpool.Grains.Selection;

/// <summary>Which rule of the strict precedence (spec §3.3) produced the candidates; the value is the rank.</summary>
public enum SelectionSource
{
    /// <summary><c>ipam.spidernet.io/subnets</c> / <c>subnet</c> (SpiderSubnet auto pools).</summary>
    SubnetAnnotation = 1,
    /// <summary>Pod annotation <c>ipam.spidernet.io/ippools</c> (every listed NIC at once).</summary>
    PodIpPools = 2,
    /// <summary>Pod annotation <c>ipam.spidernet.io/ippool</c>.</summary>
    PodIpPool = 3,
    /// <summary>Namespace annotations <c>ipam.spidernet.io/default-ipv4-ippool</c> / <c>default-ipv6-ippool</c>.</summary>
    NamespaceDefault = 4,
    /// <summary>CNI configuration <c>default_ipv4_ippool</c> / <c>default_ipv6_ippool</c>.</summary>
    CniConfig = 5,
    /// <summary>Every pool with <c>spec.default: true</c>.</summary>
    ClusterDefault = 6,
}
