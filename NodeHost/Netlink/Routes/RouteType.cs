namespace Spiderpool.Netlink.Routes;

/// <summary><c>RTN_*</c> route types.</summary>
public enum RouteType
{
    Unspecified = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
    Nat = 10,
}
