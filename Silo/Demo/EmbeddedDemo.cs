using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Silo.Samples;

namespace Spiderpool.Silo.Demo;

/// <summary>
/// The README's main command: loads the sample pools into a running silo, allocates for the sample pods, repeats
/// one request to show it is idempotent, releases, and prints each step and the pool counts.
/// </summary>
internal sealed class EmbeddedDemo(IGrainFactory grains, TextWriter output)
{
    public async Task<int> RunAsync(SampleManifests samples)
    {
        output.WriteLine($"== {samples.Pools.Count} pools");
        foreach (var step in await ManifestApplier.ApplyAsync(grains, samples))
        {
            output.WriteLine($"   {step.Line}");
        }

        var allocator = grains.GetGrain<IAllocatorGrain>(0);
        output.WriteLine($"== allocating for {samples.Pods.Count} pods");
        var failures = 0;
        foreach (var pod in samples.Pods)
        {
            var request = ToRequest(pod);
            var result = await allocator.AllocatePodAsync(request);
            output.WriteLine($"   {pod.Namespace}/{pod.Name,-8} {Describe(result)}");
            failures += result.Outcome == AllocationOutcome.Allocated ? 0 : 1;
        }

        if (samples.Pods.Count > 0)
        {
            var first = ToRequest(samples.Pods[0]);
            var again = await allocator.AllocatePodAsync(first);
            output.WriteLine($"== repeated ADD for {first.Pod.PodNamespace}/{first.Pod.PodName} (same container): {Describe(again)}{(again.Reused ? " (reused)" : "")}");
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
        foreach (var (name, _, _) in samples.Pools)
        {
            var status = await grains.GetGrain<IIPPoolGrain>(name).GetStatusAsync();
            output.WriteLine($"   {name,-16} {status.AllocatedIpCount,9} / {status.TotalIpCount}");
        }
    }

    /// <summary>The pod as NodeHost would describe it: the allocator selects its pools from the annotations.</summary>
    private static PodAllocationRequest ToRequest(SamplePod pod) => new()
    {
        ContainerId = ContainerId(pod),
        NetName = "demo",
        Pod = new PodContext
        {
            PodNamespace = pod.Namespace,
            PodName = pod.Name,
            PodUid = pod.Uid,
            PodAnnotations = pod.Annotations,
            NodeName = Environment.MachineName,
            IfName = "eth0",
        },
    };

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
