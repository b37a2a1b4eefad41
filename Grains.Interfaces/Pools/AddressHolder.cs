namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// Who holds an address: the pod (<c>namespace/name</c>, or the VMI name for KubeVirt), the pod uid, the container
/// (sandbox) id and the interface, and where: the node and the CNI network (configuration <c>name</c>). A pool hands
/// one address per (pod uid, interface): asking again returns it. Node and network are stored with the address, so
/// CNI GC on a node compares the runtime's attachments with what is durable (empty in rows stored before they were).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.AddressHolder")]
public sealed record AddressHolder(
    [property: Id(0)] string PodKey,
    [property: Id(1)] string PodUid,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] string IfName,
    [property: Id(4)] string Node = "",
    [property: Id(5)] string NetName = "");
