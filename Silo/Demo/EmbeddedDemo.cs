using System.Text.Json;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Silo.Samples;

namespace Spiderpool.Silo.Demo;

/// <summary>
/// The README's main command: loads the sample pools into a running silo, allocates for the sample pods, repeats
/// one request to show it is idempotent, releases, and prints each step and the pool counts.
/// </summary>
internal sealed class EmbeddedDemo(IGrainFactory grains, TextWriter output)
{
    private const string PoolAnnotation = "ipam.spidernet.io/ippool";

    public async Task<int> RunAsync(SampleManifests samples)
    {
        output.WriteLine($"== {samples.Pools.Count} pools");
        foreach (var line in await ManifestApplier.ApplyAsync(grains, samples))
        {
            output.WriteLine($"   {line}");
        }

        var allocator = grains.GetGrain<IAllocatorGrain>(0);
        output.WriteLine($"== allocating for {samples.Pods.Count} pods");
        var failures = 0;
        foreach (var pod in samples.Pods)
        {
            var request = ToRequest(pod);
            var result = await allocator.AllocateAsync(request);
            output.WriteLine($"   {pod.Namespace}/{pod.Name,-8} {Describe(result)}");
            failures += result.Outcome == AllocationOutcome.Allocated ? 0 : 1;
        }

        if (samples.Pods.Count > 0)
        {
            var first = ToRequest(samples.Pods[0]);
            var again = await allocator.AllocateAsync(first);
            output.WriteLine($"== repeated ADD for {first.PodKey} (same container): {Describe(again)}{(again.Reused ? " (reused)" : "")}");
        }

        await PrintPoolsAsync(samples);

        output.WriteLine("== releasing every pod (CNI DEL)");
        foreach (var pod in samples.Pods)
        {
            var released = await allocator.ReleaseAsync(new ReleaseRequest
            {
                PodNamespace = pod.Namespace,
                PodName = pod.Name,
                PodUid = pod.Uid,
                ContainerId = ContainerId(pod),
                IfName = "eth0",
            });
            output.WriteLine($"   {pod.Namespace}/{pod.Name,-8} released {string.Join(", ", released.Released.Select(a => $"{a.Address} ({a.Pool})"))}");
        }

        await PrintPoolsAsync(samples);
        return failures == 0 ? 0 : 1;
    }

    private async Task PrintPoolsAsync(SampleManifests samples)
    {
        output.WriteLine("== pools            allocated / total");
        foreach (var (name, _) in samples.Pools)
        {
            var status = await grains.GetGrain<IIPPoolGrain>(name).GetStatusAsync();
            output.WriteLine($"   {name,-16} {status.AllocatedIpCount,9} / {status.TotalIpCount}");
        }
    }

    private static AllocationRequest ToRequest(SamplePod pod)
    {
        var v4 = new List<string>();
        var v6 = new List<string>();
        if (pod.Annotations.TryGetValue(PoolAnnotation, out var json))
        {
            using var document = JsonDocument.Parse(json);
            foreach (var (key, list) in new[] { ("ipv4", v4), ("ipv6", v6) })
            {
                if (document.RootElement.TryGetProperty(key, out var names))
                {
                    list.AddRange(names.EnumerateArray().Select(n => n.GetString() ?? ""));
                }
            }
        }

        return new AllocationRequest
        {
            PodNamespace = pod.Namespace,
            PodName = pod.Name,
            PodUid = pod.Uid,
            ContainerId = ContainerId(pod),
            Node = Environment.MachineName,
            Interfaces = [new InterfaceRequest { IfName = "eth0", V4Pools = v4, V6Pools = v6 }],
        };
    }

    private static string ContainerId(SamplePod pod) => $"demo-{pod.Name}";

    private static string Describe(AllocationResult result)
    {
        if (result.Outcome != AllocationOutcome.Allocated)
        {
            return $"{result.Outcome}: {result.Message}";
        }

        return string.Join("; ", result.Nics.Select(n =>
            $"{n.IfName} " + string.Join(" ", n.Addresses().Select(a => $"{a.Cidr} from {a.Pool}")) +
            (n.Routes.Count > 0 ? $" routes {string.Join(", ", n.Routes.Select(r => $"{r.Dst} via {r.Gw}"))}" : "")));
    }
}
