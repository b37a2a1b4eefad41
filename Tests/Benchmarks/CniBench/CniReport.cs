using System.Globalization;
using System.Text.Json;

namespace Spiderpool.Tests.CniBench;

/// <summary>The benchmark's table of medians and p99 per side, the ratios against host-local, and their JSON.</summary>
internal sealed class CniReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly List<ReportRow> rows = [];
    private readonly List<ReportRatio> ratios = [];

    public void Add(ReportRow row)
    {
        rows.Add(row);
        Console.WriteLine(Line(row));
    }

    public void Ratio(string measure, double value, string target, bool met)
    {
        var ratio = new ReportRatio(measure, value, target, met);
        ratios.Add(ratio);
        Console.WriteLine(Line(ratio));
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Header);
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }

        output.WriteLine();
        foreach (var ratio in ratios)
        {
            output.WriteLine(Line(ratio));
        }
    }

    public string ToJson(object settings) => JsonSerializer.Serialize(new
    {
        machine = new { Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
        settings,
        cells = rows.Select(r => new
        {
            r.Scenario,
            r.Concurrency,
            r.Side,
            count = r.Add.Latencies.Count,
            perSecond = r.Add.PerSecond,
            p50 = r.Add.P50,
            p99 = r.Add.P99,
            failures = r.Add.Failures + (r.Del?.Failures ?? 0),
            del = r.Del is null ? null : new { perSecond = r.Del.PerSecond, p50 = r.Del.P50, p99 = r.Del.P99 },
            cpuMsPerOperation = double.IsNaN(r.PluginCpuMs) ? null : new { plugin = r.PluginCpuMs, nodeHost = r.DaemonCpuMs },
        }),
        ratios = ratios.Select(r => new { r.Measure, r.Value, r.Target, r.Met }),
    }, Indented);

    public static string Header =>
        $"{"scenario",-24} {"c",3} {"side",-11} {"n",6} {"ops/s",8} {"p50 ms",8} {"p99 ms",8} {"DEL/s",8} {"DEL p50",8} {"DEL p99",8} {"failed",6} {"cpu/op plugin",13} {"NodeHost",8}";

    private static string Line(ReportRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.Scenario,-24} {row.Concurrency,3} {row.Side,-11} {row.Add.Latencies.Count,6} {row.Add.PerSecond,8:F0} {row.Add.P50,8:F2} {row.Add.P99,8:F2} " +
        $"{Optional(row.Del?.PerSecond, "F0")} {Optional(row.Del?.P50, "F2")} {Optional(row.Del?.P99, "F2")} {row.Add.Failures + (row.Del?.Failures ?? 0),6} " +
        $"{Optional(double.IsNaN(row.PluginCpuMs) ? null : row.PluginCpuMs, "F2"),13} {Optional(double.IsNaN(row.DaemonCpuMs) ? null : row.DaemonCpuMs, "F2")}");

    private static string Line(ReportRatio ratio) => string.Create(CultureInfo.InvariantCulture,
        $"{ratio.Measure}: {ratio.Value:F2} (target {ratio.Target}: {(ratio.Met ? "met" : "NOT met")})");

    private static string Optional(double? value, string format) =>
        (value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-").PadLeft(8);
}
