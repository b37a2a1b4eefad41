using System.Text;
using System.Text.Json.Nodes;
using Spiderpool.Tests.CniBench;

// CNI IPAM benchmark, both sides in one run on the same machine: our Native AOT `spiderpool` plugin -> NodeHost
// (--embedded, silo on PostgreSQL with fsync on) against Debian's `host-local` (which writes a file per address).
// Both are invoked IPAM-only, as a main plugin such as macvlan invokes them: CNI_COMMAND=ADD/DEL with the network
// config on stdin, no network namespace. Cells: IPv4 and dual stack, sequential and at concurrency 8, ADDs then the
// DELs of the same containers, at most 100 held at a time (a node's pods); the two sides alternate in halves
// (A B B A) so machine drift lands on both. A busy node: the sequential IPv4 cell again with 900 addresses held by
// background containers. Also plugin start-up: CNI_COMMAND=VERSION of each binary, interleaved.
// Warm-up first. Prints medians and p99, CPU per operation (plugin processes, NodeHost with its silo; PostgreSQL's
// own is not counted), the ratios ours ÷ host-local with their targets (reported, never asserted), and writes
// .artifacts/bench/cni.json. The machine is shared: run it twice and compare before trusting one run.
// Usage:
//   export SPIDERPOOL_TEST_POSTGRES=$(Tests/postgres.sh start)
//   dotnet run -c Release --project Tests/Benchmarks/CniBench [-- --quick]
//   Tests/postgres.sh stop
//   dotnet run -c Release --project Tests/Benchmarks/CniBench -- --podman [--quick]   (as root: podman run, ours vs host-local)
// SPIDERPOOL_TEST_PLUGIN=<published spiderpool binary> skips publishing the plugin (Native AOT, a minute or so).
var quick = args.Contains("--quick");
var perCell = quick ? 200 : 1000;
var warmup = quick ? 100 : 400;
var versionRuns = quick ? 100 : 500;

var postgres = Environment.GetEnvironmentVariable("SPIDERPOOL_TEST_POSTGRES");
if (args.Contains("--podman"))
{
    // `podman run` with our IPAM against the same with host-local (see PodmanRun.cs); embedded SQLite unless PostgreSQL is given.
    var podmanWork = Path.Combine(Path.GetTempPath(), $"podmanbench-{Environment.ProcessId}");
    Directory.CreateDirectory(podmanWork);
    try
    {
        return await PodmanRun.RunAsync(FindRoot(), podmanWork, await PluginAsync(FindRoot(), podmanWork), string.IsNullOrWhiteSpace(postgres) ? null : postgres, quick ? 20 : 50);
    }
    finally
    {
        Directory.Delete(podmanWork, recursive: true);
    }
}

if (string.IsNullOrWhiteSpace(postgres))
{
    Console.Error.WriteLine("SPIDERPOOL_TEST_POSTGRES is not set: run 'export SPIDERPOOL_TEST_POSTGRES=$(Tests/postgres.sh start)' first");
    return 2;
}

const string hostLocal = "/usr/lib/cni/host-local";
if (!File.Exists(hostLocal))
{
    Console.Error.WriteLine($"{hostLocal} is missing: install Debian's plugins with 'apt-get install containernetworking-plugins'");
    return 2;
}

var root = FindRoot();
var work = Path.Combine(Path.GetTempPath(), $"cnibench-{Environment.ProcessId}");
Directory.CreateDirectory(work);
try
{
    var plugin = await PluginAsync(root, work);
    var manifests = Path.Combine(work, "manifests");
    Directory.CreateDirectory(manifests);
    await File.WriteAllTextAsync(Path.Combine(manifests, "pools.yaml"), Pools);

    Console.WriteLine("starting NodeHost --embedded on PostgreSQL");
    await using var nodeHost = await BenchNodeHost.StartAsync(root, work, plugin, postgres, manifests);
    var ours = new IpamSide("spiderpool", plugin, dual => new JsonObject
    {
        ["type"] = "spiderpool",
        ["default_ipv4_ippool"] = new JsonArray("bench-v4"),
        ["default_ipv6_ippool"] = dual ? new JsonArray("bench-v6") : new JsonArray(),
        ["ipam_unix_socket_path"] = nodeHost.SocketPath,
        ["log_file_path"] = Path.Combine(work, "spiderpool.log"),

        // IPAM only, like host-local: no ARP/NDP after allocation (they need the pod's interface).
        ["send_gratuitous_arp"] = false,
        ["enable_ip_conflict_detection"] = false,
        ["enable_gateway_detection"] = false,
    });
    var theirs = new IpamSide("host-local", hostLocal, dual => new JsonObject
    {
        ["type"] = "host-local",
        ["dataDir"] = Path.Combine(work, "host-local"),
        ["ranges"] = dual
            ? new JsonArray(new JsonArray(new JsonObject { ["subnet"] = "10.201.0.0/16" }), new JsonArray(new JsonObject { ["subnet"] = "fd00:201::/64" }))
            : new JsonArray(new JsonArray(new JsonObject { ["subnet"] = "10.200.0.0/16" })),
    });

    Console.WriteLine($"warm-up: {warmup} ADD+DEL per side at c=8, then {versionRuns / 5} VERSION per side");
    foreach (var side in new[] { ours, theirs })
    {
        await RunAsync(side, dual: false, warmup, 8, $"warm-{side.Name}");
        await RunAsync(side, dual: true, warmup / 4, 8, $"warmd-{side.Name}");
    }

    await VersionsAsync(ours, theirs, versionRuns / 5);

    var report = new CniReport();
    Console.WriteLine();
    Console.WriteLine(CniReport.Header);
    var (ourVersion, theirVersion) = await VersionsAsync(ours, theirs, versionRuns);
    report.Add(new ReportRow("VERSION (start-up)", 1, ours.Name, ourVersion, null));
    report.Add(new ReportRow("VERSION (start-up)", 1, theirs.Name, theirVersion, null));

    var cells = new Dictionary<(bool Dual, int Concurrency, string Side), (Phase Add, Phase Del)>();
    var cpuPerOperation = new Dictionary<(bool Dual, int Concurrency, string Side), double>();
    foreach (var dual in new[] { false, true })
    {
        foreach (var concurrency in new[] { 1, 8 })
        {
            var label = dual ? "IPAM ADD+DEL dual-stack" : "IPAM ADD+DEL IPv4";
            var halves = new Dictionary<string, List<(Phase Add, Phase Del)>> { [ours.Name] = [], [theirs.Name] = [] };
            var pluginCpu = new Dictionary<string, double> { [ours.Name] = 0, [theirs.Name] = 0 };
            var daemonCpu = new Dictionary<string, double> { [ours.Name] = 0, [theirs.Name] = 0 };
            for (var half = 0; half < 2; half++)
            {
                foreach (var side in half == 0 ? new[] { ours, theirs } : [theirs, ours])
                {
                    var (children, daemon) = (CpuTime.ReapedChildrenMilliseconds(), nodeHost.CpuMilliseconds);
                    halves[side.Name].Add(await RunAsync(side, dual, perCell / 2, concurrency, $"{(dual ? "d" : "v")}{concurrency}-{half}-{side.Name}"));
                    pluginCpu[side.Name] += CpuTime.ReapedChildrenMilliseconds() - children;
                    daemonCpu[side.Name] += nodeHost.CpuMilliseconds - daemon;
                }
            }

            foreach (var side in new[] { ours, theirs })
            {
                var add = Phase.Merge(halves[side.Name].Select(h => h.Add).ToList());
                var del = Phase.Merge(halves[side.Name].Select(h => h.Del).ToList());
                cells[(dual, concurrency, side.Name)] = (add, del);
                var operations = add.Latencies.Count + del.Latencies.Count;
                cpuPerOperation[(dual, concurrency, side.Name)] = pluginCpu[side.Name] / operations;
                report.Add(new ReportRow(label, concurrency, side.Name, add, del, pluginCpu[side.Name] / operations, daemonCpu[side.Name] / operations));
                if ((add.FirstFailure ?? del.FirstFailure) is { } failure)
                {
                    Console.WriteLine($"  first failure of {side.Name}: {failure.Trim()}");
                }
            }
        }
    }

    // A busy node: ~1,000 addresses held (900 kept by background containers, up to 100 more by the cell's own).
    var busy = new Dictionary<string, Phase>();
    foreach (var side in new[] { ours, theirs })
    {
        var background = await Phase.RunAsync(BusyBackground, 8, i => side.AddAsync($"busy-bg-{side.Name}-{i}", side.Config(false)));
        if (background.FirstFailure is { } failure)
        {
            Console.WriteLine($"  holding {BusyBackground} addresses on {side.Name} failed: {failure.Trim()}");
        }

        var (add, del) = await RunAsync(side, dual: false, perCell / 2, 1, $"busy-{side.Name}");
        busy[side.Name] = add;
        report.Add(new ReportRow($"IPAM ADD+DEL IPv4, {BusyBackground} held", 1, side.Name, add, del));
        await Phase.RunAsync(BusyBackground, 8, i => side.DelAsync($"busy-bg-{side.Name}-{i}", side.Config(false)));
    }

    Console.WriteLine();
    foreach (var dual in new[] { false, true })
    {
        var family = dual ? "dual-stack" : "IPv4";
        var p50 = cells[(dual, 1, ours.Name)].Add.P50 / cells[(dual, 1, theirs.Name)].Add.P50;
        report.Ratio($"ADD p50 spiderpool ÷ host-local ({family}, sequential)", p50, "≤ 1.00", p50 <= 1.0);
        var rate = cells[(dual, 8, ours.Name)].Add.PerSecond / cells[(dual, 8, theirs.Name)].Add.PerSecond;
        report.Ratio($"ADD/s spiderpool ÷ host-local ({family}, c=8)", rate, "≥ 1.00", rate >= 1.0);
    }

    var busyP50 = busy[ours.Name].P50 / busy[theirs.Name].P50;
    report.Ratio($"ADD p50 spiderpool ÷ host-local (IPv4, sequential, {BusyBackground} held)", busyP50, "≤ 1.00", busyP50 <= 1.0);
    var cpu = cpuPerOperation[(false, 1, ours.Name)] / cpuPerOperation[(false, 1, theirs.Name)];
    report.Ratio("plugin CPU per ADD/DEL spiderpool ÷ host-local (IPv4, sequential)", cpu, "≤ 1.00", cpu <= 1.0);
    var version = ourVersion.P50 / theirVersion.P50;
    report.Ratio("VERSION p50 spiderpool ÷ host-local (plugin start-up)", version, "≤ 1.20", version <= 1.2);

    report.Print(Console.Out);
    var output = Path.Combine(root, ".artifacts", "bench");
    Directory.CreateDirectory(output);
    var json = Path.Combine(output, "cni.json");
    await File.WriteAllTextAsync(json, report.ToJson(new
    {
        perCell,
        warmup,
        versionRuns,
        quick,
        maxHeld = 100,
        busyBackground = BusyBackground,
        ours = "spiderpool (Native AOT) -> NodeHost --embedded, silo storage PostgreSQL (fsync on)",
        theirs = $"{hostLocal} (Debian containernetworking-plugins), dataDir on {Path.GetTempPath()}",
    }));
    Console.WriteLine($"wrote {json}");
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

// ADDs of `count` new containers at `concurrency`, then the DELs of the same containers, in batches of at most
// MaxHeld: a node holds about as many addresses as it has pods (kubelet's max-pods defaults to 110), and host-local's
// ADD reads every reservation file of the node, so holding the whole cell at once (measured here: 9 ms per dual-stack
// ADD at 400 held, 67 ms at 2,000) would measure a node no cluster has.
static async Task<(Phase Add, Phase Del)> RunAsync(IpamSide side, bool dual, int count, int concurrency, string tag)
{
    const int MaxHeld = 100;
    var config = side.Config(dual);
    var adds = new List<Phase>();
    var dels = new List<Phase>();
    for (var first = 0; first < count; first += MaxHeld)
    {
        var batch = Math.Min(MaxHeld, count - first);
        var offset = first;
        adds.Add(await Phase.RunAsync(batch, concurrency, i => side.AddAsync($"{tag}-{offset + i}", config)));
        dels.Add(await Phase.RunAsync(batch, concurrency, i => side.DelAsync($"{tag}-{offset + i}", config)));
    }

    return (Phase.Merge(adds), Phase.Merge(dels));
}

// CNI_COMMAND=VERSION of both binaries, one after the other in alternating order.
static async Task<(Phase Ours, Phase Theirs)> VersionsAsync(IpamSide ours, IpamSide theirs, int count)
{
    var stdin = Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0"}""");
    var environment = new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" };
    var results = new Dictionary<string, List<Invocation>> { [ours.Name] = [], [theirs.Name] = [] };
    var wall = new Dictionary<string, double> { [ours.Name] = 0, [theirs.Name] = 0 };
    for (var i = 0; i < count; i++)
    {
        foreach (var side in i % 2 == 0 ? new[] { ours, theirs } : [theirs, ours])
        {
            var result = await PluginProcess.RunAsync(side.Binary, environment, stdin);
            results[side.Name].Add(result);
            wall[side.Name] += result.Milliseconds / 1000;
        }
    }

    Phase Of(IpamSide side) => new(
        results[side.Name].Select(r => r.Milliseconds).ToList(),
        wall[side.Name],
        results[side.Name].Count(r => !r.Ok),
        results[side.Name].FirstOrDefault(r => !r.Ok)?.Output);
    return (Of(ours), Of(theirs));
}

// SPIDERPOOL_TEST_PLUGIN (Tests/run-tests.sh publishes it there), else a Native AOT publish into the work directory.
static async Task<string> PluginAsync(string root, string work)
{
    if (Environment.GetEnvironmentVariable("SPIDERPOOL_TEST_PLUGIN") is { Length: > 0 } given && File.Exists(given))
    {
        return given;
    }

    var directory = Path.Combine(work, "plugin");
    Console.WriteLine($"publishing the plugin (Native AOT) into {directory}");
    var start = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false };
    foreach (var argument in new[] { "publish", Path.Combine(root, "Cni", "Plugin", "Plugin.csproj"), "-c", "Release", "-r", "linux-x64", "-o", directory, "-nologo", "-v", "q" })
    {
        start.ArgumentList.Add(argument);
    }

    using var publish = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
    await publish.WaitForExitAsync();
    var binary = Path.Combine(directory, "spiderpool");
    return publish.ExitCode == 0 && File.Exists(binary) ? binary : throw new InvalidOperationException("publishing Cni/Plugin failed (see above)");
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Spiderpool.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException($"no Spiderpool.sln above {AppContext.BaseDirectory}");
}

/// <summary>The pools our side allocates from (SpiderIPPool YAML, as in Deploy/samples), as large as host-local's ranges.</summary>
internal static partial class Program
{
    private const int BusyBackground = 900;

    private const string Pools = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: bench-v4
        spec:
          ipVersion: 4
          subnet: 10.202.0.0/16
          ips:
            - 10.202.0.2-10.202.255.254
          gateway: 10.202.0.1
        ---
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: bench-v6
        spec:
          ipVersion: 6
          subnet: fd00:202::/64
          ips:
            - fd00:202::2-fd00:202::ffff
          gateway: fd00:202::1
        """;
}
