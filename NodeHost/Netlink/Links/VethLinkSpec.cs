using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Spiderpool.Netlink.Links;

/// <summary>A veth pair: <see cref="LinkSpec.Name"/> and its peer, created together (VETH_INFO_PEER).</summary>
public sealed record VethLinkSpec : LinkSpec
{
    public VethLinkSpec(string name, string peerName)
        : base(name)
    {
        LinkRef.ValidateName(peerName, nameof(peerName));
        PeerName = peerName;
    }

    public override string Kind => "veth";

    public string PeerName { get; }

    /// <summary>Create the peer end directly in this network namespace (the peer's IFLA_NET_NS_FD).</summary>
    public SafeHandle? PeerNamespace { get; init; }

    public PhysicalAddress? PeerMac { get; init; }

    public int? PeerMtu { get; init; }
}
