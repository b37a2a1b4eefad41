using System.Diagnostics.CodeAnalysis;
using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Selection;

/// <summary>KubeVirt fixed IPs (spec §3.11) as pure decisions.</summary>
public static class KubevirtPolicy
{
    /// <summary>
    /// True, with the VMI name, for a pod whose controller owner is <c>kubevirt.io/v1 VirtualMachineInstance</c> while
    /// enableKubevirtStaticIP is on. The VMI name (same as the VM name) keys the workload record and the pool records
    /// (<c>&lt;ns&gt;/&lt;vmi&gt;</c>), so the IPs follow the VM across pods (restarts, live migration).
    /// </summary>
    public static bool TryGetVmiName(PodContext pod, SelectionSettings settings, [NotNullWhen(true)] out string? vmiName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(settings);
        vmiName = pod.Ref.VmiName(settings.EnableKubevirtStaticIp);
        return vmiName is not null;
    }

    /// <summary>The workload record name (SpiderEndpoint name): the VMI name for a KubeVirt VMI pod, else the pod name.</summary>
    public static string EndpointName(PodContext pod, SelectionSettings settings) =>
        pod.Ref.EndpointName(settings.EnableKubevirtStaticIp);
}
