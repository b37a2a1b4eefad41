using Spiderpool.Grains.Interfaces.Addressing;

namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>One address of an interface: the pool it came from, the address with the pool subnet's prefix length, the gateway.</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.NicAddress")]
public sealed record NicAddress(
    [property: Id(0)] string Pool,
    [property: Id(1)] IpAddr Address,
    [property: Id(2)] int PrefixLength,
    [property: Id(3)] string? Gateway)
{
    /// <summary>Address with prefix, as SpiderEndpoint writes it (<c>172.31.199.193/20</c>).</summary>
    public string Cidr => $"{Address}/{PrefixLength}";
}
