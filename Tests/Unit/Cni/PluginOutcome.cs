namespace Spiderpool.Tests.Unit.Cni;

/// <summary>What one in-process plugin run produced.</summary>
public sealed record PluginOutcome(int ExitCode, string Stdout, string Stderr);
