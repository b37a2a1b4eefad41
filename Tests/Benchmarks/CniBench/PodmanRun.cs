using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Spiderpool.Tests.CniBench;

/// <summary>
/// <c>podman run -d</c> until the container runs, with our IPAM (plugin → NodeHost --embedded) against the same with
/// Debian's host-local, both under Debian's macvlan in a network namespace of their own, sequential and alternating
/// (ours, theirs, ours, ...) so drift lands on both. The container is removed after each run, outside the timing.
/// Target: our median within 1.05× host-local's (our part must not be visible in a container start).
/// </summary>
internal static class PodmanRun
{
    public static async Task<int> RunAsync(string root, string work, string plugin, string? postgres, int runs)
    {
        foreach (var tool in new[] { "/usr/bin/podman", "/usr/sbin/runc", "/bin/busybox", "/usr/lib/cni/macvlan", "/usr/lib/cni/host-local" })
        {
            if (!File.Exists(tool))
            {
                Console.Error.WriteLine($"{tool} is missing: apt-get install podman runc busybox-static containernetworking-plugins");
                return 2;
            }
        }

        var netns = $"podbench{Environment.ProcessId}";
        await Checked("ip", "netns", "add", netns);
        try
        {
            await Checked("ip", "-n", netns, "link", "add", "parent0", "type", "veth", "peer", "name", "parent0-peer");
            await Checked("ip", "-n", netns, "link", "set", "parent0", "up");
            await Checked("ip", "-n", netns, "link", "set", "parent0-peer", "up");

            var manifests = Path.Combine(work, "manifests");
            Directory.CreateDirectory(manifests);
            await File.WriteAllTextAsync(Path.Combine(manifests, "pools.yaml"), """
                apiVersion: spiderpool.spidernet.io/v2beta1
                kind: SpiderIPPool
                metadata:
                  name: bench-podman
                spec:
                  subnet: 10.210.0.0/16
                  ips:
                    - 10.210.0.2-10.210.255.254
                """);
            Console.WriteLine($"starting NodeHost --embedded on {(postgres is null ? "SQLite (the embedded default)" : "PostgreSQL")}");
            await using var nodeHost = await BenchNodeHost.StartAsync(root, work, plugin, postgres, manifests);
            var podman = new Podman(work, netns, Path.Combine(work, "bin"));
            await podman.WriteNetworkAsync("pb-ours", new JsonObject
            {
                ["type"] = "spiderpool",
                ["default_ipv4_ippool"] = new JsonArray("bench-podman"),
                ["ipam_unix_socket_path"] = nodeHost.SocketPath,
                ["log_file_path"] = Path.Combine(work, "plugin.log"),
                ["del_journal_dir"] = Path.Combine(work, "del-journal"),
                // As host-local: no ARP announcement or probes after the allocation.
                ["send_gratuitous_arp"] = false,
                ["enable_ip_conflict_detection"] = false,
                ["enable_gateway_detection"] = false,
            });
            await podman.WriteNetworkAsync("pb-host-local", new JsonObject
            {
                ["type"] = "host-local",
                ["dataDir"] = Path.Combine(work, "host-local"),
                ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = "10.211.0.0/16" })),
            });

            Console.WriteLine("warm-up: 5 runs per side");
            for (var i = 0; i < 5; i++)
            {
                await podman.RunOnceAsync("pb-ours", $"warm-o{i}");
                await podman.RunOnceAsync("pb-host-local", $"warm-h{i}");
            }

            var ours = new List<double>();
            var theirs = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                ours.Add(await podman.RunOnceAsync("pb-ours", $"o{i}"));
                theirs.Add(await podman.RunOnceAsync("pb-host-local", $"h{i}"));
            }

            Console.WriteLine();
            Console.WriteLine($"podman run -d to a running container, IPv4, sequential, {runs} per side (ms)");
            Console.WriteLine("side            p50      p90      p99");
            Console.WriteLine(Row("spiderpool", ours));
            Console.WriteLine(Row("host-local", theirs));
            var ratio = Percentile(ours, 0.5) / Percentile(theirs, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio p50 spiderpool ÷ host-local: {ratio:0.00} (target ≤ 1.05: {(ratio <= 1.05 ? "met" : "missed")})"));
            return 0;
        }
        finally
        {
            await Run("ip", "netns", "del", netns);
        }
    }

    private static string Row(string side, List<double> values) => string.Create(CultureInfo.InvariantCulture,
        $"{side,-12} {Percentile(values, 0.5),8:0.0} {Percentile(values, 0.9),8:0.0} {Percentile(values, 0.99),8:0.0}");

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private static async Task Checked(string file, params string[] arguments)
    {
        var (code, output) = await Run(file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {output}");
        }
    }

    private static Task<(int Code, string Output)> Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return RunStartedAsync(start);
    }

    private static async Task<(int Code, string Output)> RunStartedAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>podman with the CNI backend and runc, run in the benchmark's namespace, its state in the work directory.</summary>
    private sealed class Podman(string work, string netns, string pluginDirectory)
    {
        private readonly string home = Path.Combine(work, "podman");

        public async Task WriteNetworkAsync(string name, JsonObject ipam)
        {
            var networks = Path.Combine(home, "cni");
            Directory.CreateDirectory(networks);
            var rootfs = Path.Combine(home, "rootfs", "bin");
            if (!Directory.Exists(rootfs))
            {
                Directory.CreateDirectory(rootfs);
                File.Copy("/bin/busybox", Path.Combine(rootfs, "busybox"));
                File.CreateSymbolicLink(Path.Combine(rootfs, "sleep"), "busybox");
                await File.WriteAllTextAsync(Path.Combine(home, "containers.conf"), $"""
                    [network]
                    network_backend = "cni"
                    cni_plugin_dirs = ["{pluginDirectory}", "/usr/lib/cni"]
                    network_config_dir = "{networks}"
                    [engine]
                    runtime = "runc"
                    """);
            }

            var conflist = new JsonObject
            {
                ["cniVersion"] = "1.0.0",
                ["name"] = name,
                ["plugins"] = new JsonArray(new JsonObject { ["type"] = "macvlan", ["master"] = "parent0", ["mode"] = "bridge", ["ipam"] = ipam }),
            };
            await File.WriteAllTextAsync(Path.Combine(networks, $"{name}.conflist"), conflist.ToJsonString());
        }

        /// <summary>Milliseconds from <c>podman run -d</c> to its exit (the container runs); removes it afterwards.</summary>
        public async Task<double> RunOnceAsync(string network, string name)
        {
            var watch = Stopwatch.StartNew();
            var (code, output) = await PodmanAsync("run", "-d", "--name", name, "--network", network,
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", "--rootfs", Path.Combine(home, "rootfs"), "/bin/sleep", "1000");
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (code != 0)
            {
                throw new InvalidOperationException($"podman run on {network} failed: {output}");
            }

            await PodmanAsync("rm", "-f", "-t", "0", name);
            return elapsed;
        }

        private Task<(int Code, string Output)> PodmanAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { $"--net=/run/netns/{netns}", "podman", "--root", Path.Combine(home, "storage"), "--runroot", Path.Combine(home, "run") }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["CONTAINERS_CONF"] = Path.Combine(home, "containers.conf");
            return RunStartedAsync(start);
        }
    }
}
