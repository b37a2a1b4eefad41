namespace Spiderpool.Grains.Selection;

/// <summary>
/// How an item of <c>ipam.spidernet.io/ippools</c> without interface names was mapped (spec §3.8): item 0 is the first
/// NIC <c>eth0</c>; item i &gt; 0 is entry i−1 of <c>k8s.v1.cni.cncf.io/networks</c>, and <see cref="IfName"/> is the
/// name Multus would give it (its <c>interface</c>, else <c>net&lt;i&gt;</c>). That name is only the item's preferred
/// claimant: a later ADD claims the item named for its interface if there is one, else the first unclaimed item in
/// order, so a runtime that names its second NIC <c>eth1</c> works too. <see cref="Network"/> is that NIC's
/// NetworkAttachmentDefinition when known.
/// </summary>
public sealed record PositionalInterface(int Index, string IfName, string? Network);
