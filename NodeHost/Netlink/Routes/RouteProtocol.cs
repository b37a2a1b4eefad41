namespace Spiderpool.Netlink.Routes;

/// <summary><c>RTPROT_*</c>: who installed a route (a label; the kernel does not act on it).</summary>
public enum RouteProtocol
{
    Unspecified = 0,
    Redirect = 1,
    Kernel = 2,

    /// <summary>What <c>ip route add</c> uses unless told otherwise.</summary>
    Boot = 3,
    Static = 4,
    RouterAdvertisement = 9,
    Dhcp = 16,
}
