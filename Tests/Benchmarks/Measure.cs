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

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
