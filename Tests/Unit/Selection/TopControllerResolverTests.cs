using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.2.1, one row per line of the table.</summary>
public sealed class TopControllerResolverTests
{
    private static OwnerReference Owner(string apiVersion, string kind, string name) => new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = $"{name}-uid" };

    public static TheoryData<string, OwnerReference[], string> Rows => new()
    {
        { "an orphan pod is its own top controller", [], "v1 Pod web-0 pod-uid" },
        { "a ReplicaSet owned by a Deployment resolves to the Deployment", [Owner("apps/v1", "ReplicaSet", "web-7d9f"), Owner("apps/v1", "Deployment", "web")], "apps/v1 Deployment web web-uid" },
        { "a ReplicaSet without a Deployment stays", [Owner("apps/v1", "ReplicaSet", "web-7d9f")], "apps/v1 ReplicaSet web-7d9f web-7d9f-uid" },
        { "a ReplicaSet owned by something else stays", [Owner("apps/v1", "ReplicaSet", "web-7d9f"), Owner("argoproj.io/v1alpha1", "Rollout", "web")], "apps/v1 ReplicaSet web-7d9f web-7d9f-uid" },
        { "a Job owned by a CronJob resolves to the CronJob", [Owner("batch/v1", "Job", "nightly-123"), Owner("batch/v1", "CronJob", "nightly")], "batch/v1 CronJob nightly nightly-uid" },
        { "a Job without a CronJob stays", [Owner("batch/v1", "Job", "once")], "batch/v1 Job once once-uid" },
        { "a DaemonSet is its own top controller", [Owner("apps/v1", "DaemonSet", "agent")], "apps/v1 DaemonSet agent agent-uid" },
        { "a StatefulSet is its own top controller", [Owner("apps/v1", "StatefulSet", "db"), Owner("x/v1", "Ignored", "y")], "apps/v1 StatefulSet db db-uid" },
        { "a KubeVirt VirtualMachineInstance is taken as-is", [Owner("kubevirt.io/v1", "VirtualMachineInstance", "vm1")], "kubevirt.io/v1 VirtualMachineInstance vm1 vm1-uid" },
        { "an OpenKruise workload is taken as-is", [Owner("apps.kruise.io/v1beta1", "StatefulSet", "kdb")], "apps.kruise.io/v1beta1 StatefulSet kdb kdb-uid" },
        { "another API version of a ReplicaSet is third-party and taken as-is", [Owner("extensions/v1beta1", "ReplicaSet", "old"), Owner("apps/v1", "Deployment", "web")], "extensions/v1beta1 ReplicaSet old old-uid" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Resolve_FollowsTheSpecTable(string rule, OwnerReference[] chain, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        var top = TopControllerResolver.Resolve("web-0", "pod-uid", chain);
        Assert.Equal(expected, $"{top.ApiVersion} {top.Kind} {top.Name} {top.Uid}");
    }

    [Theory]
    [InlineData("apps/v1", "apps", "v1")]
    [InlineData("v1", "", "v1")]
    [InlineData("kubevirt.io/v1", "kubevirt.io", "v1")]
    public void GroupAndVersion_SplitTheApiVersion(string apiVersion, string group, string version)
    {
        var top = new TopController { ApiVersion = apiVersion, Kind = "X", Name = "x" };
        Assert.Equal((group, version), (top.Group, top.Version));
    }

    [Fact]
    public void For_WithoutAResolvedController_ResolvesFromTheOwnerAlone()
    {
        var pod = new PodContext { PodName = "web-0", PodUid = "u", Owner = Owner("apps/v1", "ReplicaSet", "web-7d9f") };

        Assert.Equal("apps/v1 ReplicaSet web-7d9f", TopControllerResolver.For(pod).ToString());
        Assert.True(TopControllerResolver.For(pod with { Owner = null }).IsOrphanPod);
    }
}
