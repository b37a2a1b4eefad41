namespace Spiderpool.Netlink.Routes;

/// <summary>Well-known routing table ids (<c>RT_TABLE_*</c>); any other id up to 2^32-1 is a custom table.</summary>
public static class RouteTable
{
    /// <summary>In a dump filter: every table.</summary>
    public const uint Unspecified = 0;
    public const uint Default = 253;
    public const uint Main = 254;
    public const uint Local = 255;
}
