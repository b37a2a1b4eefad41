namespace Spiderpool.Grains.Selection;

/// <summary>
/// One element of Multus' network selection syntax (<c>k8s.v1.cni.cncf.io/networks</c>,
/// <c>v1.multus-cni.io/default-network</c>): a NetworkAttachmentDefinition and, optionally, the interface name asked for.
/// </summary>
public sealed record NetworkSelection(string Namespace, string Name, string? Interface)
{
    /// <summary><c>namespace/name</c>, the form <c>spec.multusName</c> entries are compared with.</summary>
    public string Key => $"{Namespace}/{Name}";
}
