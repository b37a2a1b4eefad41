using System.Net.Sockets;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Protocol;
using Spiderpool.Netlink.Routes;

namespace Spiderpool.Netlink;

/// <summary>Route operations (RTM_*ROUTE).</summary>
public sealed partial class RtNetlinkClient
{
    /// <summary>Adds the route (NLM_F_EXCL: EEXIST if the same destination/metric is in the table).</summary>
    public void AddRoute(RouteSpec spec) => NewRoute(spec, replace: false);

    /// <summary>Adds the route or replaces the one with the same destination, table and metric.</summary>
    public void ReplaceRoute(RouteSpec spec) => NewRoute(spec, replace: true);

    /// <summary>
    /// Deletes the first route matching the fields that are set. Returns false if none matched: ESRCH (no such
    /// route; for IPv4 also when the table does not exist) or ENODEV/no such link (its device is gone, and the
    /// kernel removed its routes with it).
    /// </summary>
    public bool DeleteRoute(RouteSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            var index = spec.Device is { } device ? ResolveIndex(device) : 0;
            if (spec.Device is not null && index == 0)
            {
                return false;
            }

            RouteRequests.Delete(_builder, spec, index);
            var ack = Acknowledge();
            if (ack.Errno is Errno.ESRCH or Errno.ENODEV)
            {
                return false;
            }

            if (!ack.IsSuccess)
            {
                ThrowFailed(ack, Describe("RTM_DELROUTE", spec));
            }

            return true;
        }
    }

    /// <summary>Routes of one family, optionally only those of one table (<see cref="RouteTable.Unspecified"/>: all tables).</summary>
    public IReadOnlyList<Route> ListRoutes(AddressFamily family, uint table = RouteTable.Unspecified)
    {
        var kernelFamily = AddressFamilies.ToKernel(family);
        lock (_gate)
        {
            ThrowIfDisposed();
            RouteRequests.Dump(_builder, kernelFamily);
            return Dump(RouteDecoder.Decode, table == RouteTable.Unspecified ? null : r => r.Table == table, table == RouteTable.Unspecified ? "RTM_GETROUTE dump" : $"RTM_GETROUTE dump table {table}");
        }
    }

    private static void Validate(RouteSpec spec)
    {
        AddressFamilies.RequireFamily(spec.Gateway, spec.Family, "gateway");
        AddressFamilies.RequireFamily(spec.PreferredSource, spec.Family, "preferred source");
    }

    private static string Describe(string type, RouteSpec spec) =>
        $"{type} {spec.Destination}{(spec.Gateway is { } gw ? $" via {gw}" : string.Empty)}" +
        $"{(spec.Device is { } dev ? $" dev {dev}" : string.Empty)}{(spec.PreferredSource is { } src ? $" src {src}" : string.Empty)}" +
        $" table {spec.Table}{(spec.Priority is { } metric ? $" metric {metric}" : string.Empty)}";

    private void NewRoute(RouteSpec spec, bool replace)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        lock (_gate)
        {
            ThrowIfDisposed();
            var operation = Describe("RTM_NEWROUTE", spec);
            var index = spec.Device is { } device ? RequireIndex(device, operation) : 0;
            RouteRequests.New(_builder, spec, index, replace);
            AcknowledgeOrThrow(operation);
        }
    }
}
