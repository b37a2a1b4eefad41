using System.Diagnostics;

namespace Spiderpool.Tests.Benchmarks;

/// <summary>Runs an operation a number of times at a fixed concurrency and records each latency.</summary>
internal static class Measure
{
    public static async Task<Cell> RunAsync(int count, int concurrency, Func<int, Task> operation, Func<int, Task>? untimedAfter = null)
    {
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var untimed = TimeSpan.Zero;
        var untimedLock = new Lock();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (untimedAfter is not null)
                {
                    var afterStart = Stopwatch.GetTimestamp();
                    await untimedAfter(i);
                    lock (untimedLock)
                    {
                        untimed += Stopwatch.GetElapsedTime(afterStart);
                    }
                }
            }
        }));
        wall.Stop();
        var seconds = (wall.Elapsed - (concurrency == 1 ? untimed : TimeSpan.Zero)).TotalSeconds;
        Array.Sort(latencies);
        return new Cell(count, concurrency, count / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1]);
    }

    /// <summary>
    /// Sequentially, `count` rounds of: for each of `variants`, a timed operation then an untimed one. Returns one cell
    /// per variant; rates are computed from that variant's timed latencies alone.
    /// </summary>
    public static async Task<Cell[]> InterleavedAsync(int count, int variants, Func<int, int, Task> operation, Func<int, int, Task> untimedAfter)
    {
        var latencies = Enumerable.Range(0, variants).Select(_ => new double[count]).ToArray();
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < variants; k++)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(k, i);
                latencies[k][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                await untimedAfter(k, i);
            }
        }

        return latencies.Select(l =>
        {
            var total = l.Sum();
            Array.Sort(l);
            return new Cell(count, 1, count / (total / 1000), Percentile(l, 0.50), Percentile(l, 0.99), l[^1]);
        }).ToArray();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
