namespace Spiderpool.Tests.CniBench;

/// <summary>Ours ÷ host-local for one measure, with its target and whether this run met it.</summary>
internal sealed record ReportRatio(string Measure, double Value, string Target, bool Met);
