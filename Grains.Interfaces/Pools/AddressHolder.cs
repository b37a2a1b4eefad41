namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// Who holds an address: the pod (<c>namespace/name</c>, or the VMI name for KubeVirt), the pod uid, the container
/// (sandbox) id and the interface. A pool hands one address per (pod uid, interface): asking again returns it.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.AddressHolder")]
public sealed record AddressHolder(
    [property: Id(0)] string PodKey,
    [property: Id(1)] string PodUid,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] string IfName);
