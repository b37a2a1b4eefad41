using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Tests.Benchmarks;

/// <summary>
/// What pool selection costs: 200 cluster-default pools with mixed affinities (node names, namespaces, pod and node
/// label selectors), and `pods` pods whose pools are selected from them, against the same number of pods that name
/// their pool by annotation. Both through <c>AllocatePodAsync</c> at concurrency 1, each allocation timed, then
/// released untimed.
/// </summary>
internal static class SelectionBench
{
    public static async Task RunAsync(BenchSilo silo, IAllocatorGrain allocator, string run, int pods, Report report)
    {
        var names = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var name = $"b{run}-sel{i:D3}";
            var spec = new PoolSpec
            {
                Subnet = $"172.16.{i}.0/24",
                Ips = [$"172.16.{i}.1-172.16.{i}.254"],
                Default = true,
                NodeName = i % 4 == 0 ? [i % 8 == 0 ? "bench-node" : "other-node"] : [],
                NamespaceName = i % 4 == 1 ? [i % 8 == 1 ? "bench" : "other"] : [],
                PodAffinity = i % 4 == 2 ? new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"bench-{i % 10}" } } : null,
                NodeAffinity = i % 4 == 3
                    ? new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "zone", Operator = "In", Values = [i % 8 == 3 ? "z1" : "z2"] }] }
                    : null,
            };
            var result = await silo.Grains.GetGrain<IIPPoolGrain>(name).SetSpecAsync(spec);
            if (!result.Accepted)
            {
                throw new InvalidOperationException(result.Error);
            }

            names.Add(name);
        }

        var direct = names[0];
        var podRequest = (int i) => new PodAllocationRequest
        {
            ContainerId = $"c-sel-{run}-{i}",
            NetName = "bench",
            Pod = new PodContext
            {
                PodNamespace = "bench",
                PodName = $"sel-{i}",
                PodUid = $"uid-sel-{run}-{i}",
                PodLabels = new Dictionary<string, string> { ["app"] = "bench-2" },
                NodeName = "bench-node",
                NodeLabels = new Dictionary<string, string> { ["zone"] = "z1" },
                IfName = "eth0",
            },
        };
        // The same entry point and pod shape, with the pool named by annotation (selection rule 1, nothing to filter):
        // the difference between the cells is what choosing among 200 pools costs, not a different code path.
        var directRequest = (int i) => new PodAllocationRequest
        {
            ContainerId = $"c-dir-{run}-{i}",
            NetName = "bench",
            Pod = new PodContext
            {
                PodNamespace = "bench",
                PodName = $"dir-{i}",
                PodUid = $"uid-dir-{run}-{i}",
                PodLabels = new Dictionary<string, string> { ["app"] = "bench-2" },
                PodAnnotations = new Dictionary<string, string> { ["ipam.spidernet.io/ippool"] = $$"""{"ipv4":["{{direct}}"]}""" },
                NodeName = "bench-node",
                NodeLabels = new Dictionary<string, string> { ["zone"] = "z1" },
                IfName = "eth0",
            },
        };

        // Interleaved, like the pool-size cells, so background work lands on both alike.
        var cells = await Measure.InterleavedAsync(pods, 2,
            async (k, i) =>
            {
                var result = await allocator.AllocatePodAsync(k == 0 ? directRequest(i) : podRequest(i));
                if (result.Outcome != AllocationOutcome.Allocated)
                {
                    throw new InvalidOperationException($"selection bench: {result.Outcome} {result.Message}");
                }
            },
            (k, i) => k == 0
                ? allocator.ReleaseAsync(new ReleaseRequest { PodNamespace = "bench", PodName = $"dir-{i}", PodUid = $"uid-dir-{run}-{i}", ContainerId = $"c-dir-{run}-{i}" })
                : allocator.ReleaseAsync(new ReleaseRequest { PodNamespace = "bench", PodName = $"sel-{i}", PodUid = $"uid-sel-{run}-{i}", ContainerId = $"c-sel-{run}-{i}" }));
        report.Add("allocate c=1, pool named directly", "1 pool", cells[0], "allocations/s");
        report.Add("allocate c=1, selected by policy", "200 default pools", cells[1], "allocations/s");
        report.Note($"selection p50 ÷ direct p50 = {cells[1].P50 / cells[0].P50:F2} (target ≤ 1.20)");
    }
}
