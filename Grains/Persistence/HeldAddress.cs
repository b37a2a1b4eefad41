using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Persistence;

/// <summary>
/// One held address as stored: who holds it (pod key <c>namespace/name</c>, pod uid, container id, interface) and
/// when it was last handed to a request (<see cref="StampUnixMs"/>, used by the consistency sweep's grace period), and
/// on which node and CNI network (for CNI GC).
/// </summary>
public sealed record HeldAddress(IpAddr Address, string PodKey, string PodUid, string ContainerId, string IfName, long StampUnixMs, string Node = "", string NetName = "");
