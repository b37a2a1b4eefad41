using System.Globalization;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Selection;

/// <summary>StatefulSet fixed IPs (spec §3.10) as pure decisions; the grains act on them.</summary>
public static class StatefulSetPolicy
{
    /// <summary>A pod gets StatefulSet treatment when enableStatefulSet is on and its top controller is <c>apps/v1 StatefulSet</c>.</summary>
    public static bool IsStatefulSetPod(PodContext pod, SelectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var top = TopControllerResolver.For(pod);
        return settings.EnableStatefulSet && top.ApiVersion == "apps/v1" && top.Kind == "StatefulSet";
    }

    /// <summary>
    /// Whether a StatefulSet pod still has a place in its StatefulSet, i.e. its IPs are kept on CNI DEL: the name is
    /// <c>&lt;statefulset&gt;-&lt;n&gt;</c> and <c>start ≤ n ≤ start + replicas − 1</c> (<c>start</c> = <c>spec.ordinals.start</c>,
    /// 0 when unset). <paramref name="replicas"/> null means the StatefulSet is gone. <paramref name="reason"/> says why
    /// not (for logs). The ordinal is written as the StatefulSet controller writes it: decimal, no sign, no leading zero.
    /// </summary>
    public static bool IsValidStatefulSetPod(string podName, string statefulSetName, int? replicas, int? ordinalsStart, out string reason)
    {
        ArgumentNullException.ThrowIfNull(podName);
        ArgumentNullException.ThrowIfNull(statefulSetName);
        var prefix = statefulSetName + "-";
        var digits = podName.StartsWith(prefix, StringComparison.Ordinal) ? podName[prefix.Length..] : "";
        if (digits.Length == 0 || digits.AsSpan().ContainsAnyExceptInRange('0', '9') || (digits.Length > 1 && digits[0] == '0')
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            reason = $"Pod name '{podName}' is not '{statefulSetName}-<ordinal>'";
            return false;
        }

        if (replicas is null)
        {
            reason = $"StatefulSet '{statefulSetName}' no longer exists";
            return false;
        }

        var start = ordinalsStart ?? 0;
        if (ordinal < start || (long)ordinal > (long)start + replicas.Value - 1)
        {
            reason = replicas.Value == 0
                ? $"StatefulSet '{statefulSetName}' has 0 replicas"
                : $"ordinal {ordinal} is outside {start}..{(long)start + replicas.Value - 1} (spec.ordinals.start {start}, spec.replicas {replicas.Value})";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary><see cref="IsValidStatefulSetPod(string, string, int?, int?, out string)"/> for the pod's own StatefulSet.</summary>
    public static bool IsValidStatefulSetPod(PodContext pod, SelectionSettings settings, out string reason)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (!IsStatefulSetPod(pod, settings))
        {
            reason = "the Pod is not a StatefulSet Pod (or enableStatefulSet is false)";
            return false;
        }

        return IsValidStatefulSetPod(pod.PodName, TopControllerResolver.For(pod).Name, pod.StatefulSetReplicas, pod.StatefulSetOrdinalsStart, out reason);
    }

    /// <summary>
    /// Spec §3.10 step 1: does the recorded allocation still fit the pod's current candidates? <paramref name="acquired"/>
    /// is <see cref="PoolSelector.Acquire"/>'s <see cref="SelectionResult.Interfaces"/> (precedence only, no filtering),
    /// <paramref name="recorded"/> the NICs of the workload record. Only the NIC being configured
    /// (<paramref name="ifName"/>) is checked; a recorded pool that is no longer a candidate of its NIC and family marks
    /// it. In the positional form of <c>ipam.spidernet.io/ippools</c> (<paramref name="positional"/>) every NIC is
    /// checked and any mismatch marks them all.
    /// </summary>
    public static StatefulSetPoolChange DetectPoolChange(IReadOnlyList<WorkloadNic> recorded, IReadOnlyList<InterfaceRequest> acquired, string ifName, bool positional)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(acquired);
        var reasons = new List<string>();
        var changed = new List<string>();
        foreach (var nic in recorded.Where(n => positional || n.IfName == ifName))
        {
            // Positional items are matched by index: a claimed item is recorded under the runtime's name.
            var candidates = acquired.FirstOrDefault(a => nic.Position is int p ? a.Position == p : a.IfName == nic.IfName);
            var outdated = new List<string>();
            if (nic.V4 is { } v4 && !(candidates?.V4Pools.Contains(v4.Pool, StringComparer.Ordinal) ?? false))
            {
                outdated.Add($"IPv4 pool '{v4.Pool}' is not among its candidates [{string.Join(", ", candidates?.V4Pools ?? [])}]");
            }

            if (nic.V6 is { } v6 && !(candidates?.V6Pools.Contains(v6.Pool, StringComparer.Ordinal) ?? false))
            {
                outdated.Add($"IPv6 pool '{v6.Pool}' is not among its candidates [{string.Join(", ", candidates?.V6Pools ?? [])}]");
            }

            if (outdated.Count > 0)
            {
                changed.Add(nic.IfName);
                reasons.Add($"{nic.IfName}: {string.Join(", ", outdated)}");
            }
        }

        if (changed.Count == 0)
        {
            return StatefulSetPoolChange.None;
        }

        var reason = string.Join("; ", reasons);
        return positional
            ? new StatefulSetPoolChange(true, true, recorded.Select(n => n.IfName).ToList(), reason)
            : new StatefulSetPoolChange(true, changed.Count == recorded.Count, changed, reason);
    }
}
