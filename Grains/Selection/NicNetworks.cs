using System.Diagnostics.CodeAnalysis;
using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Selection;

/// <summary>The NetworkAttachmentDefinition of an interface, or why it is unknown.</summary>
internal readonly record struct NicNetwork(string? Key, string UnknownReason);

/// <summary>
/// Which NetworkAttachmentDefinition each interface of the pod comes from (spec §2.1, §3.4 #7). The first NIC
/// (<c>eth0</c>, or item 0 in the positional form) uses <c>v1.multus-cni.io/default-network</c> (namespace-less → the
/// Spiderpool install namespace), else <c>MULTUS_CLUSTER_NETWORK</c>. Other NICs use the entry of
/// <c>k8s.v1.cni.cncf.io/networks</c> Multus attaches them through (namespace-less → the pod's namespace), found by
/// interface name (<c>interface</c>, else <c>net&lt;i+1&gt;</c> for entry i) or, positionally, by index.
/// </summary>
internal sealed class NicNetworks
{
    public const string FirstNic = "eth0";

    private readonly PodContext pod;
    private readonly SelectionSettings settings;
    private readonly NetworkSelection? defaultNetwork;
    private readonly IReadOnlyList<NetworkSelection>? networks;

    private NicNetworks(PodContext pod, SelectionSettings settings, NetworkSelection? defaultNetwork, IReadOnlyList<NetworkSelection>? networks)
    {
        this.pod = pod;
        this.settings = settings;
        this.defaultNetwork = defaultNetwork;
        this.networks = networks;
    }

    /// <summary>
    /// Reads both Multus annotations up front: a malformed one fails selection even when no pool lists
    /// <c>spec.multusName</c>, because Multus itself would refuse the pod and the positional form needs the list.
    /// </summary>
    public static bool TryCreate(PodContext pod, SelectionSettings settings, [NotNullWhen(true)] out NicNetworks? result, out string error)
    {
        result = null;
        NetworkSelection? defaultNetwork = null;
        IReadOnlyList<NetworkSelection>? networks = null;
        if (pod.PodAnnotations.TryGetValue(AnnotationKeys.MultusDefaultNetwork, out var defaultText) && !string.IsNullOrWhiteSpace(defaultText)
            && !AnnotationParser.TryParseMultusDefaultNetwork(defaultText, settings.InstallNamespace, out defaultNetwork, out error))
        {
            return false;
        }

        if (pod.PodAnnotations.TryGetValue(AnnotationKeys.MultusNetworks, out var networksText)
            && !AnnotationParser.TryParseMultusNetworks(AnnotationKeys.MultusNetworks, networksText, pod.PodNamespace, out networks, out error))
        {
            return false;
        }

        result = new NicNetworks(pod, settings, defaultNetwork, networks);
        error = "";
        return true;
    }

    /// <summary>Interface name Multus gives entry <paramref name="index"/> (0-based) of <c>k8s.v1.cni.cncf.io/networks</c>, if the entry exists.</summary>
    public string? SecondaryName(int index) =>
        networks is not null && index < networks.Count ? networks[index].Interface ?? $"net{index + 1}" : null;

    /// <summary>The network of <paramref name="ifName"/>; <paramref name="positionalIndex"/> is set in the positional form.</summary>
    public NicNetwork Resolve(string ifName, int? positionalIndex)
    {
        var isFirst = positionalIndex is null ? ifName == FirstNic : positionalIndex == 0;
        if (ifName == pod.IfName && pod.Network.Length > 0)
        {
            return new NicNetwork(Qualify(pod.Network, isFirst ? settings.InstallNamespace : pod.PodNamespace), "");
        }

        if (isFirst)
        {
            if (defaultNetwork is not null)
            {
                return new NicNetwork(defaultNetwork.Key, "");
            }

            return settings.MultusClusterNetwork.Length > 0
                ? new NicNetwork(Qualify(settings.MultusClusterNetwork, settings.InstallNamespace), "")
                : new NicNetwork(null, $"the NetworkAttachmentDefinition of the first interface {ifName} is unknown: neither the Pod annotation '{AnnotationKeys.MultusDefaultNetwork}' nor the agent's MULTUS_CLUSTER_NETWORK is set");
        }

        if (networks is null)
        {
            return new NicNetwork(null, $"the NetworkAttachmentDefinition of interface {ifName} is unknown: the Pod has no annotation '{AnnotationKeys.MultusNetworks}'");
        }

        if (positionalIndex is int index)
        {
            return index <= networks.Count
                ? new NicNetwork(networks[index - 1].Key, "")
                : new NicNetwork(null, $"the NetworkAttachmentDefinition of interface {ifName} is unknown: it is item {index} of the Pod annotation '{AnnotationKeys.PodIpPools}', but the Pod annotation '{AnnotationKeys.MultusNetworks}' has only {networks.Count} entries");
        }

        for (var i = 0; i < networks.Count; i++)
        {
            if (SecondaryName(i) == ifName)
            {
                return new NicNetwork(networks[i].Key, "");
            }
        }

        return new NicNetwork(null, $"the NetworkAttachmentDefinition of interface {ifName} is unknown: no entry of the Pod annotation '{AnnotationKeys.MultusNetworks}' is for it");
    }

    /// <summary><c>ns/name</c> stays; a bare <c>name</c> gets <paramref name="defaultNamespace"/>.</summary>
    public static string Qualify(string network, string defaultNamespace) =>
        network.Contains('/', StringComparison.Ordinal) ? network : $"{defaultNamespace}/{network}";
}
