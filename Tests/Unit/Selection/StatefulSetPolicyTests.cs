using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;
using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Spec §3.10: StatefulSet detection, ordinal validity (with ordinals.start), pool-change detection.</summary>
public sealed class StatefulSetPolicyTests
{
    [Theory]
    [InlineData("web-0", 3, null, true, "")]
    [InlineData("web-2", 3, null, true, "")]
    [InlineData("web-3", 3, null, false, "ordinal 3 is outside 0..2 (spec.ordinals.start 0, spec.replicas 3)")]
    [InlineData("web-5", 3, 5, true, "")]
    [InlineData("web-7", 3, 5, true, "")]
    [InlineData("web-8", 3, 5, false, "ordinal 8 is outside 5..7 (spec.ordinals.start 5, spec.replicas 3)")]
    [InlineData("web-4", 3, 5, false, "ordinal 4 is outside 5..7 (spec.ordinals.start 5, spec.replicas 3)")]
    [InlineData("web-0", 0, null, false, "StatefulSet 'web' has 0 replicas")]
    [InlineData("web-0", null, null, false, "StatefulSet 'web' no longer exists")]
    [InlineData("web-01", 3, null, false, "Pod name 'web-01' is not 'web-<ordinal>'")]
    [InlineData("web-", 3, null, false, "Pod name 'web-' is not 'web-<ordinal>'")]
    [InlineData("web-x", 3, null, false, "Pod name 'web-x' is not 'web-<ordinal>'")]
    [InlineData("web--1", 3, null, false, "Pod name 'web--1' is not 'web-<ordinal>'")]
    [InlineData("web-+1", 3, null, false, "Pod name 'web-+1' is not 'web-<ordinal>'")]
    [InlineData("db-0", 3, null, false, "Pod name 'db-0' is not 'web-<ordinal>'")]
    [InlineData("web-99999999999", int.MaxValue, null, false, "Pod name 'web-99999999999' is not 'web-<ordinal>'")]
    [InlineData("web-2147483646", int.MaxValue, 1, true, "")]
    public void IsValidStatefulSetPod_ChecksNameAndOrdinalRange(string podName, int? replicas, int? start, bool valid, string reason)
    {
        Assert.Equal(valid, StatefulSetPolicy.IsValidStatefulSetPod(podName, "web", replicas, start, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void IsValidStatefulSetPod_ANameWithDashesBelongsToTheLongestMatchingStatefulSet()
    {
        Assert.True(StatefulSetPolicy.IsValidStatefulSetPod("web-a-0", "web-a", 1, null, out _));
        Assert.False(StatefulSetPolicy.IsValidStatefulSetPod("web-a-0", "web", 1, null, out _));
    }

    private static readonly TopController Sts = new() { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "web", Uid = "sts" };

    [Fact]
    public void IsStatefulSetPod_NeedsTheFlagAndAnAppsV1StatefulSet()
    {
        var pod = new PodContext { PodName = "web-1", TopController = Sts, StatefulSetReplicas = 2 };
        var settings = new SelectionSettings();

        Assert.True(StatefulSetPolicy.IsStatefulSetPod(pod, settings));
        Assert.False(StatefulSetPolicy.IsStatefulSetPod(pod, settings with { EnableStatefulSet = false }));
        Assert.False(StatefulSetPolicy.IsStatefulSetPod(pod with { TopController = Sts with { ApiVersion = "apps.kruise.io/v1beta1" } }, settings));
        Assert.True(StatefulSetPolicy.IsValidStatefulSetPod(pod, settings, out _));
        Assert.False(StatefulSetPolicy.IsValidStatefulSetPod(pod with { PodName = "web-2" }, settings, out var reason));
        Assert.Equal("ordinal 2 is outside 0..1 (spec.ordinals.start 0, spec.replicas 2)", reason);
        Assert.False(StatefulSetPolicy.IsValidStatefulSetPod(pod, settings with { EnableStatefulSet = false }, out reason));
        Assert.Equal("the Pod is not a StatefulSet Pod (or enableStatefulSet is false)", reason);
    }

    private static WorkloadNic Nic(string ifName, string? v4Pool, string? v6Pool = null) => new()
    {
        IfName = ifName,
        V4 = v4Pool is null ? null : new NicAddress(v4Pool, IpAddr.Parse("10.0.0.5"), 24, null),
        V6 = v6Pool is null ? null : new NicAddress(v6Pool, IpAddr.Parse("fd00::5"), 64, null),
    };

    private static InterfaceRequest Candidates(string ifName, string[] v4, string[]? v6 = null) => new() { IfName = ifName, V4Pools = v4, V6Pools = v6 ?? [] };

    public static TheoryData<string, WorkloadNic[], InterfaceRequest[], bool, string> PoolChangeRows => new()
    {
        { "a recorded pool still among the candidates needs nothing", [Nic("eth0", "a")], [Candidates("eth0", ["b", "a"])], false, "none" },
        {
            "a recorded pool no longer among the candidates of its only NIC releases everything",
            [Nic("eth0", "a")], [Candidates("eth0", ["b"])], false,
            "reallocate all [eth0] eth0: IPv4 pool 'a' is not among its candidates [b]"
        },
        {
            "only the NIC being configured is checked, and the others are kept",
            [Nic("eth0", "a"), Nic("net1", "old")], [Candidates("eth0", ["b"]), Candidates("net1", ["new"])], false,
            "reallocate [eth0] eth0: IPv4 pool 'a' is not among its candidates [b]"
        },
        { "a change on another NIC is left to that NIC's own ADD", [Nic("eth0", "a"), Nic("net1", "old")], [Candidates("eth0", ["a"])], false, "none" },
        {
            "a recorded family the rule no longer gives counts as a change",
            [Nic("eth0", "a", "v6")], [Candidates("eth0", ["a"])], false,
            "reallocate all [eth0] eth0: IPv6 pool 'v6' is not among its candidates []"
        },
        {
            "in the positional form any mismatch releases every NIC",
            [Nic("eth0", "a"), Nic("net1", "old")], [Candidates("eth0", ["a"]), Candidates("net1", ["new"])], true,
            "reallocate all [eth0, net1] net1: IPv4 pool 'old' is not among its candidates [new]"
        },
    };

    [Theory]
    [MemberData(nameof(PoolChangeRows))]
    public void DetectPoolChange_FollowsSpec(string rule, WorkloadNic[] recorded, InterfaceRequest[] acquired, bool positional, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        var change = StatefulSetPolicy.DetectPoolChange(recorded, acquired, "eth0", positional);

        var rendered = change.NeedsReallocation
            ? $"reallocate{(change.ReleaseAll ? " all" : "")} [{string.Join(", ", change.ChangedInterfaces)}] {change.Reason}"
            : "none";
        Assert.Equal(expected, rendered);
    }
}
