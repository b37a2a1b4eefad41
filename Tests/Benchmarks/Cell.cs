namespace Spiderpool.Tests.Benchmarks;

/// <summary>One measured cell: operations per second and latency percentiles in milliseconds.</summary>
internal sealed record Cell(int Count, int Concurrency, double PerSecond, double P50, double P99, double Max);
