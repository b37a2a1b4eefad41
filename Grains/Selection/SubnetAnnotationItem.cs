namespace Spiderpool.Grains.Selection;

/// <summary>
/// One interface of <c>ipam.spidernet.io/subnet(s)</c>: the SpiderSubnet per family (only the first list element
/// counts, spec §2.1; null when the family is not requested) and the interface (default <c>eth0</c>).
/// </summary>
public sealed record SubnetAnnotationItem(string Interface, string? V4Subnet, string? V6Subnet);
