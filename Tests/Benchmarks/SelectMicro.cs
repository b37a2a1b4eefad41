using System.Diagnostics;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Tests.Benchmarks;

/// <summary>Times the pure selection over 200 pool index entries, without grains or storage.</summary>
internal static class SelectMicro
{
    public static void Run()
    {
        var entries = Enumerable.Range(0, 200).Select(i => new PoolIndexEntry
        {
            Name = $"sel{i:D3}",
            Family = IpFamily.V4,
            Default = true,
            NodeName = i % 4 == 0 ? [i % 8 == 0 ? "bench-node" : "other-node"] : [],
            NamespaceName = i % 4 == 1 ? [i % 8 == 1 ? "bench" : "other"] : [],
            PodAffinity = i % 4 == 2 ? new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"bench-{i % 10}" } } : null,
        }).ToList();
        var pod = new PodContext
        {
            PodNamespace = "bench",
            PodName = "p",
            PodUid = "u",
            PodLabels = new Dictionary<string, string> { ["app"] = "bench-2" },
            NodeName = "bench-node",
            IfName = "eth0",
        };
        var settings = new SelectionSettings();
        for (var i = 0; i < 2000; i++)
        {
            Spiderpool.Grains.Selection.PoolSelector.Select(pod, entries, settings);
        }

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
        {
            Spiderpool.Grains.Selection.PoolSelector.Select(pod, entries, settings);
        }

        Console.WriteLine($"PoolSelector.Select over 200 entries: {sw.Elapsed.TotalMicroseconds / 5000:F1} µs per call");
    }
}
