namespace Spiderpool.Netlink;

/// <summary>Placeholder so the project builds until the netlink code lands in this session.</summary>
internal static class AssemblyMarker;
