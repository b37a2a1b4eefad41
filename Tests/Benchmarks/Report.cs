using System.Globalization;
using System.Text.Json;

namespace Spiderpool.Tests.Benchmarks;

/// <summary>Collects cells and notes, prints them as a table and serialises them as JSON.</summary>
internal sealed class Report
{
    private readonly List<(string Scenario, string Variant, Cell Cell, string Unit)> rows = [];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly List<string> notes = [];

    public void Add(string scenario, string variant, Cell cell, string unit)
    {
        rows.Add((scenario, variant, cell, unit));
        Console.WriteLine(Line(scenario, variant, cell, unit));
    }

    public void Note(string note)
    {
        notes.Add(note);
        Console.WriteLine(note);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"scenario",-34} {"variant",-22} {"n",6} {"rate",10} {"unit",-14} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var (scenario, variant, cell, unit) in rows)
        {
            output.WriteLine(Line(scenario, variant, cell, unit));
        }

        foreach (var note in notes)
        {
            output.WriteLine(note);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        machine = new { Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
        cells = rows.Select(r => new { r.Scenario, r.Variant, r.Unit, r.Cell.Count, r.Cell.Concurrency, r.Cell.PerSecond, r.Cell.P50, r.Cell.P99, r.Cell.Max }),
        notes,
    }, Indented);

    private static string Line(string scenario, string variant, Cell cell, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{scenario,-34} {variant,-22} {cell.Count,6} {cell.PerSecond,10:F0} {unit,-14} {cell.P50,8:F2} {cell.P99,8:F2} {cell.Max,8:F1}");
}
