using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.11: which pods are KubeVirt VMI pods and what their workload record is called.</summary>
public sealed class KubevirtPolicyTests
{
    private static readonly OwnerReference Vmi = new() { ApiVersion = "kubevirt.io/v1", Kind = "VirtualMachineInstance", Name = "vm1", Uid = "vmi-uid" };
    private static readonly PodContext Launcher = new() { PodNamespace = "vms", PodName = "virt-launcher-vm1-abcde", Owner = Vmi };

    public static TheoryData<string, PodContext, SelectionSettings, string?> Rows => new()
    {
        { "a pod owned by a kubevirt.io/v1 VirtualMachineInstance is a VMI pod keyed by the VMI name", Launcher, new SelectionSettings(), "vm1" },
        { "with enableKubevirtStaticIP off it is an ordinary pod", Launcher, new SelectionSettings { EnableKubevirtStaticIp = false }, null },
        { "another API version is not recognised", Launcher with { Owner = Vmi with { ApiVersion = "kubevirt.io/v1alpha3" } }, new SelectionSettings(), null },
        { "another kind is not recognised", Launcher with { Owner = Vmi with { Kind = "VirtualMachine" } }, new SelectionSettings(), null },
        { "an orphan pod is not a VMI pod", Launcher with { Owner = null }, new SelectionSettings(), null },
        {
            "the resolved top controller serves when only it is filled in",
            Launcher with { Owner = null, TopController = new TopController { ApiVersion = "kubevirt.io/v1", Kind = "VirtualMachineInstance", Name = "vm2" } },
            new SelectionSettings(), "vm2"
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void TryGetVmiName_RecognisesVmiPods(string rule, PodContext pod, SelectionSettings settings, string? vmi)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(vmi is not null, KubevirtPolicy.TryGetVmiName(pod, settings, out var name));
        Assert.Equal(vmi, name);
        Assert.Equal(vmi ?? pod.PodName, KubevirtPolicy.EndpointName(pod, settings));
    }
}
