namespace Spiderpool.Grains.Selection;

/// <summary>One item of <c>ipam.spidernet.io/ippools</c>; <see cref="Interface"/> is empty in the positional (no-name) form.</summary>
public sealed record PodIpPoolsItem(string Interface, IReadOnlyList<string> V4, IReadOnlyList<string> V6, bool CleanGateway);
