namespace Spiderpool.Grains.Reserved;

[GenerateSerializer, Immutable, Alias("spiderpool.ReservedIpEntry")]
public sealed record ReservedIpEntry([property: Id(0)] int IpVersion, [property: Id(1)] IReadOnlyList<string> Ips);
