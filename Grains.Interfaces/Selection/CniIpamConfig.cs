namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// The selection-relevant part of the <c>ipam</c> object of the CNI configuration (spec §5.1): the rank-5 default
/// pools (wildcards allowed), <c>clean_gateway</c> and <c>match_master_subnet</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.CniIpamConfig")]
public sealed record CniIpamConfig
{
    /// <summary><c>default_ipv4_ippool</c>.</summary>
    [Id(0)] public IReadOnlyList<string> DefaultIpv4IpPool { get; init; } = [];
    /// <summary><c>default_ipv6_ippool</c>.</summary>
    [Id(1)] public IReadOnlyList<string> DefaultIpv6IpPool { get; init; } = [];
    /// <summary><c>clean_gateway</c>: no default route on this NIC (every rank except the <c>ippools</c> annotation).</summary>
    [Id(2)] public bool CleanGateway { get; init; }
    /// <summary><c>match_master_subnet</c>: SR-IOV PF subnet filter (spec §3.4 #8); not supported by this implementation.</summary>
    [Id(3)] public bool MatchMasterSubnet { get; init; }
}
