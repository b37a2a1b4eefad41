namespace Spiderpool.Grains.Selection;

/// <summary><c>ipam.spidernet.io/ippool</c> (and the per-family namespace defaults): candidate pool names per family, wildcards unexpanded.</summary>
public sealed record PodIpPoolAnnotation(IReadOnlyList<string> V4, IReadOnlyList<string> V6);
