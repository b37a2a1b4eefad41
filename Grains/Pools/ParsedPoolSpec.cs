using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;

namespace Spiderpool.Grains.Pools;

/// <summary>A validated pool spec in numeric form. <see cref="Usable"/> = ips − excludeIPs (before reserved addresses).</summary>
internal sealed record ParsedPoolSpec(
    PoolSpec Spec,
    IpFamily Family,
    IpCidr Subnet,
    IpRangeSet Ips,
    IpRangeSet Exclude,
    IpAddr? Gateway)
{
    public IpRangeSet Usable { get; } = Ips.Except(Exclude);
}
