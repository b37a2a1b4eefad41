namespace Spiderpool.Netlink.Routes;

/// <summary><c>RT_SCOPE_*</c>: how far a route (or an address's ifa_scope) reaches.</summary>
public enum RouteScope
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,

    /// <summary>No destination; in a delete request it matches a route of any scope.</summary>
    Nowhere = 255,
}
