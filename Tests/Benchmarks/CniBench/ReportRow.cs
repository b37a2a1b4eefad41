namespace Spiderpool.Tests.CniBench;

/// <summary>
/// One side of one cell: its ADD phase and, for ADD+DEL cells, its DEL phase; and CPU milliseconds per operation
/// spent in the plugin processes and in NodeHost (0 for host-local, which has no daemon).
/// </summary>
internal sealed record ReportRow(string Scenario, int Concurrency, string Side, Phase Add, Phase? Del, double PluginCpuMs = double.NaN, double DaemonCpuMs = double.NaN);
