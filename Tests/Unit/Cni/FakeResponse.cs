namespace Spiderpool.Tests.Unit.Cni;

/// <summary>What the <see cref="FakeNodeHost"/> answers, optionally after a delay.</summary>
public sealed record FakeResponse(int Status, string Body, TimeSpan Delay = default);
