namespace Spiderpool.Tests.CniBench;

/// <summary>A batch of invocations at one concurrency: each latency (ms), the wall time, and the failures.</summary>
internal sealed record Phase(IReadOnlyList<double> Latencies, double WallSeconds, int Failures, string? FirstFailure)
{
    public static async Task<Phase> RunAsync(int count, int concurrency, Func<int, Task<Invocation>> operation)
    {
        var latencies = new double[count];
        var failures = 0;
        string? first = null;
        var next = -1;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var result = await operation(i);
                latencies[i] = result.Milliseconds;
                if (!result.Ok)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref first, result.Output, null);
                }
            }
        }));
        return new Phase(latencies, wall.Elapsed.TotalSeconds, failures, first);
    }

    /// <summary>Several phases as one (the benchmark alternates the two sides in halves to spread machine drift).</summary>
    public static Phase Merge(IReadOnlyList<Phase> phases) => new(
        phases.SelectMany(p => p.Latencies).ToList(),
        phases.Sum(p => p.WallSeconds),
        phases.Sum(p => p.Failures),
        phases.Select(p => p.FirstFailure).FirstOrDefault(f => f is not null));

    public double PerSecond => Latencies.Count / WallSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    private double Percentile(double p)
    {
        var sorted = Latencies.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
