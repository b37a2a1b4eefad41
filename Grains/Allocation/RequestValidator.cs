using Spiderpool.Grains.Interfaces.Allocation;

namespace Spiderpool.Grains.Allocation;

/// <summary>Checks an allocation request before anything is touched; returns what to fix, or null when it is valid.</summary>
internal static class RequestValidator
{
    public static string? Validate(AllocationRequest request)
    {
        if (ValidatePod(request) is { } invalid)
        {
            return invalid;
        }

        if (request.Interfaces.Count == 0)
        {
            return "the request names no interface";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nic in request.Interfaces)
        {
            if (string.IsNullOrEmpty(nic.IfName))
            {
                return "an interface has no name (CNI_IFNAME)";
            }

            if (!names.Add(nic.IfName))
            {
                return $"interface '{nic.IfName}' is listed twice";
            }

            if (nic.V4Pools.Count == 0 && nic.V6Pools.Count == 0)
            {
                return $"interface '{nic.IfName}' has no candidate pool for IPv4 or IPv6";
            }

            if ((CheckPools(nic.IfName, "IPv4", nic.V4Pools) ?? CheckPools(nic.IfName, "IPv6", nic.V6Pools)) is { } error)
            {
                return error;
            }

            // A pool answers once per (pod, interface): listed for both families it would hand the same address twice.
            if (nic.V4Pools.Intersect(nic.V6Pools, StringComparer.Ordinal).FirstOrDefault() is { } both)
            {
                return $"interface '{nic.IfName}': pool '{both}' is listed for both IPv4 and IPv6; a pool has one family";
            }
        }

        return null;
    }

    private static string? CheckPools(string ifName, string family, IReadOnlyList<string> pools)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            if (string.IsNullOrWhiteSpace(pool) || pool.Length > 253 || pool.Any(c => char.IsWhiteSpace(c) || c == '/'))
            {
                return $"interface '{ifName}': '{pool}' is not a valid {family} pool name";
            }

            if (!seen.Add(pool))
            {
                return $"interface '{ifName}': {family} pool '{pool}' is listed twice";
            }
        }

        return null;
    }

    /// <summary>The pod's identity alone (what the workload record is found by), before any interface is known.</summary>
    public static string? ValidatePod(AllocationRequest request)
    {
        if (string.IsNullOrEmpty(request.PodNamespace) || string.IsNullOrEmpty(request.PodName))
        {
            return "the pod namespace and name are required (K8S_POD_NAMESPACE and K8S_POD_NAME in CNI_ARGS)";
        }

        if (request.PodNamespace.Contains('/', StringComparison.Ordinal) || request.PodName.Contains('/', StringComparison.Ordinal))
        {
            return $"pod namespace '{request.PodNamespace}' and name '{request.PodName}' must not contain '/'";
        }

        return string.IsNullOrEmpty(request.ContainerId) ? "the container id is required (CNI_CONTAINERID)" : null;
    }
}
