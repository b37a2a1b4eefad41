using System.Diagnostics;
using System.Globalization;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Allocation;
using Spiderpool.Tests.Benchmarks;

// Allocation benchmark through the grains on PostgreSQL (fsync on), one silo in this process, the production
// silo configuration (UseSpiderpool with Storage=Postgres). Prints a table of medians and percentiles and writes
// .artifacts/bench/ipam.json. Usage:
//   export SPIDERPOOL_TEST_POSTGRES=$(Tests/postgres.sh start)
//   dotnet run -c Release --project Tests/Benchmarks [-- --quick]
if (args.Contains("--select-micro"))
{
    SelectMicro.Run();
    return 0;
}

var quick = args.Contains("--quick");
var onlySizes = args.Contains("--only-sizes");
var onlySelection = args.Contains("--only-selection");
var connectionString = Environment.GetEnvironmentVariable("SPIDERPOOL_TEST_POSTGRES");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("SPIDERPOOL_TEST_POSTGRES is not set: run 'export SPIDERPOOL_TEST_POSTGRES=$(Tests/postgres.sh start)' first");
    return 2;
}

var warmup = quick ? 300 : 3000;
var perCell = quick ? 300 : 2000;
var held = quick ? 10_000 : 100_000;
var report = new Report();
var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

await using (var silo = await BenchSilo.StartAsync(connectionString))
{
    var allocator = silo.Grains.GetGrain<IAllocatorGrain>(0);
    var v4 = await silo.CreatePoolAsync($"b{run}-v4", "10.0.0.0/8", "10.0.0.1-10.255.255.254");
    var v4b = await silo.CreatePoolAsync($"b{run}-v4b", "11.0.0.0/8", "11.0.0.1-11.255.255.254");
    var v6 = await silo.CreatePoolAsync($"b{run}-v6", "fd00:a::/64", "fd00:a::1-fd00:a::ffff:ffff");
    var v6b = await silo.CreatePoolAsync($"b{run}-v6b", "fd00:b::/64", "fd00:b::1-fd00:b::ffff:ffff");

    InterfaceRequest[] single = [new() { IfName = "eth0", V4Pools = [v4] }];
    InterfaceRequest[] dual = [new() { IfName = "eth0", V4Pools = [v4], V6Pools = [v6] }, new() { IfName = "net1", V4Pools = [v4b], V6Pools = [v6b] }];

    Console.WriteLine($"warm-up: {warmup} allocate+release cycles");
    await Measure.RunAsync(warmup, 8, i => Cycle(allocator, $"warm-{i}", single));

    if (onlySelection)
    {
        await SelectionBench.RunAsync(silo, allocator, run, quick ? 300 : 1000, report);
        report.Print(Console.Out);
        return 0;
    }

    if (!onlySizes)
    {
        await SelectionBench.RunAsync(silo, allocator, run, quick ? 300 : 1000, report);
    }

    foreach (var (label, nics) in onlySizes ? [] : new[] { ("IPv4, 1 NIC", single), ("dual-stack, 2 NICs", dual) })
    {
        foreach (var concurrency in new[] { 1, 8, 64 })
        {
            var prefix = $"{label[..4]}-c{concurrency}";
            var cell = await Measure.RunAsync(perCell, concurrency, i => Allocate(allocator, $"{prefix}-{i}", nics));
            report.Add($"allocate {label}", $"c={concurrency}", cell, label.StartsWith("dual", StringComparison.Ordinal) ? "pods/s" : "allocations/s");
            await Measure.RunAsync(perCell, 16, i => Release(allocator, $"{prefix}-{i}"));
        }
    }

    // Pool size: the same allocate+release cycle at c=1 on a /24, and on a /8 and a /64 that hold `held` addresses.
    var small = await silo.CreatePoolAsync($"b{run}-s24", "10.99.0.0/24", "10.99.0.1-10.99.0.254");
    var big8 = await silo.CreatePoolAsync($"b{run}-big8", "12.0.0.0/8", "12.0.0.1-12.255.255.254");
    var big64 = await silo.CreatePoolAsync($"b{run}-big64", "fd00:c::/64", "fd00:c::1-fd00:c::ffff:ffff:ffff");
    Console.WriteLine($"preloading {held:N0} held addresses into {big8} and {big64} (direct store writes)");
    await silo.PreloadAsync(big8, IpAddr.Parse("12.0.0.1"), held);
    await silo.PreloadAsync(big64, IpAddr.Parse("fd00:c::1"), held);
    await silo.SettleStorageAsync();

    // The three pools are measured interleaved (one allocation each in turn) so that background work of the
    // machine (autovacuum after the preload, GC) lands on all three alike instead of on whichever runs last.
    var sizePools = new[] { ("/24 empty", small, IpFamily.V4), ($"/8 with {held:N0} held", big8, IpFamily.V4), ($"/64 with {held:N0} held", big64, IpFamily.V6) };
    var sizeNics = sizePools.Select(p => new InterfaceRequest[] { p.Item3 == IpFamily.V4 ? new() { IfName = "eth0", V4Pools = [p.Item2] } : new() { IfName = "eth0", V6Pools = [p.Item2] } }).ToArray();
    await Measure.RunAsync(200 * sizePools.Length, 1, i => Cycle(allocator, $"sz-warm-{i}", sizeNics[i % sizePools.Length]));
    var sizeCells = await Measure.InterleavedAsync(perCell / 2, sizePools.Length,
        (k, i) => Allocate(allocator, $"sz-{k}-{i}", sizeNics[k]),
        (k, i) => Release(allocator, $"sz-{k}-{i}"));
    var sizes = sizePools.Select((p, k) => (Label: p.Item1, Cell: sizeCells[k])).ToList();
    foreach (var (label, cell) in sizes)
    {
        report.Add("pool size, allocate c=1", label, cell, "allocations/s");
    }

    report.Note($"p50 /8 ÷ /24 = {sizes[1].Cell.P50 / sizes[0].Cell.P50:F2}, p50 /64 ÷ /24 = {sizes[2].Cell.P50 / sizes[0].Cell.P50:F2} (target ≤ 1.2)");
    var bytes = await silo.BytesPerHeldAddressAsync();
    report.Note($"stored bytes per held address (table + indexes ÷ rows): {bytes:F0} (target ≤ 256)");
}

// Cold restart: a new silo process state, the first allocation must load the /8 pool with `held` addresses.
await using (var silo = await BenchSilo.StartAsync(connectionString))
{
    var allocator = silo.Grains.GetGrain<IAllocatorGrain>(0);
    var stopwatch = Stopwatch.StartNew();
    var first = await allocator.AllocateAsync(Request("after-restart", [new() { IfName = "eth0", V4Pools = [$"b{run}-big8"] }]));
    stopwatch.Stop();
    if (first.Outcome != AllocationOutcome.Allocated)
    {
        throw new InvalidOperationException($"first allocation after restart failed: {first.Message}");
    }

    report.Note($"first allocation after a cold restart, pool with {held:N0} stored allocations: {stopwatch.Elapsed.TotalMilliseconds:F0} ms (target < 2000)");
}

report.Print(Console.Out);
var outDir = Path.Combine(FindRoot(), ".artifacts", "bench");
Directory.CreateDirectory(outDir);
await File.WriteAllTextAsync(Path.Combine(outDir, "ipam.json"), report.ToJson());
Console.WriteLine($"written {Path.Combine(outDir, "ipam.json")}");
return 0;

static AllocationRequest Request(string pod, InterfaceRequest[] nics) => new()
{
    PodNamespace = "bench",
    PodName = pod,
    PodUid = "uid-" + pod,
    ContainerId = "c-" + pod,
    Node = "bench-node",
    Interfaces = nics,
};

static async Task Allocate(IAllocatorGrain allocator, string pod, InterfaceRequest[] nics)
{
    var result = await allocator.AllocateAsync(Request(pod, nics));
    if (result.Outcome != AllocationOutcome.Allocated)
    {
        throw new InvalidOperationException($"{pod}: {result.Outcome} {result.Message}");
    }
}

static async Task Release(IAllocatorGrain allocator, string pod) =>
    await allocator.ReleaseAsync(new ReleaseRequest { PodNamespace = "bench", PodName = pod, PodUid = "uid-" + pod, ContainerId = "c-" + pod });

static async Task Cycle(IAllocatorGrain allocator, string pod, InterfaceRequest[] nics)
{
    await Allocate(allocator, pod, nics);
    await Release(allocator, pod);
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Spiderpool.sln")))
        {
            return dir.FullName;
        }
    }

    return Environment.CurrentDirectory;
}
