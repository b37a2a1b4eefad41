namespace Spiderpool.Tests.CniBench;

/// <summary>One plugin process: whether it exited 0, how long it took from start to exit, and what it printed.</summary>
internal sealed record Invocation(bool Ok, double Milliseconds, string Output);
