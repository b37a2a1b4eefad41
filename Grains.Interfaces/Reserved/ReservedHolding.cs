using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Reserved;

/// <summary>A reserved address that a pod already held when it was reserved: it stays with the pod.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.ReservedHolding")]
public sealed record ReservedHolding([property: Id(0)] string Pool, [property: Id(1)] IpAddr Address);
