using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink.Routes;

/// <summary>
/// Encodes RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE: an rtmsg and RTA_* attributes. Table ids up to 255 go in
/// rtm_table; larger ones set rtm_table to RT_TABLE_UNSPEC and travel in RTA_TABLE (u32), as iproute2 does.
/// </summary>
internal static class RouteRequests
{
    public static void New(NetlinkMessageBuilder builder, RouteSpec spec, int outputIndex, bool replace)
    {
        var flags = NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Create | (replace ? NetlinkFlags.Replace : NetlinkFlags.Exclusive);
        builder.Begin(NetlinkMessageType.NewRoute, flags);
        var type = spec.Type ?? RouteType.Unicast;
        var scope = spec.Scope ?? DefaultScope(type, spec.Gateway is not null);
        Write(builder, spec, outputIndex, spec.Protocol ?? RouteProtocol.Boot, scope, type);
    }

    /// <summary>Unset protocol/type (0) and scope RT_SCOPE_NOWHERE are wildcards to the kernel's delete lookup.</summary>
    public static void Delete(NetlinkMessageBuilder builder, RouteSpec spec, int outputIndex)
    {
        builder.Begin(NetlinkMessageType.DelRoute, NetlinkFlags.Request | NetlinkFlags.Ack);
        Write(builder, spec, outputIndex, spec.Protocol ?? RouteProtocol.Unspecified, spec.Scope ?? RouteScope.Nowhere, spec.Type ?? RouteType.Unspecified);
    }

    public static void Dump(NetlinkMessageBuilder builder, byte family)
    {
        builder.Begin(NetlinkMessageType.GetRoute, NetlinkFlags.Request | NetlinkFlags.Dump);
        new RtMessage(family, 0, 0, 0, 0, 0, 0, 0, 0).Write(builder.AppendFixed(RtMessage.Size));
    }

    /// <summary>What <c>ip route add</c> picks: host for local routes, link for a directly connected route, else universe.</summary>
    public static RouteScope DefaultScope(RouteType type, bool hasGateway) => type switch
    {
        RouteType.Local or RouteType.Nat => RouteScope.Host,
        RouteType.Broadcast or RouteType.Multicast or RouteType.Anycast => RouteScope.Link,
        RouteType.Unicast or RouteType.Unspecified when !hasGateway => RouteScope.Link,
        _ => RouteScope.Universe,
    };

    private static void Write(NetlinkMessageBuilder builder, RouteSpec spec, int outputIndex, RouteProtocol protocol, RouteScope scope, RouteType type)
    {
        var family = AddressFamilies.ToKernel(spec.Family);
        var table = spec.Table <= 255 ? (byte)spec.Table : (byte)RouteTable.Unspecified;
        new RtMessage(
            family,
            (byte)spec.Destination.PrefixLength,
            0,
            0,
            table,
            (byte)protocol,
            (byte)scope,
            (byte)type,
            spec.OnLink ? Rta.FlagOnLink : 0).Write(builder.AppendFixed(RtMessage.Size));

        // Attribute order follows iproute2 for `ip route add DST via GW src SRC table T metric M dev DEV`, so a
        // request can be compared byte for byte with one captured from ip; the kernel does not care.
        if (spec.Destination.PrefixLength > 0)
        {
            builder.PutAddress(Rta.Destination, spec.Destination.BaseAddress);
        }

        if (spec.Gateway is { } gateway)
        {
            builder.PutAddress(Rta.Gateway, gateway);
        }

        if (spec.PreferredSource is { } source)
        {
            builder.PutAddress(Rta.PreferredSource, source);
        }

        if (spec.Table > 255)
        {
            builder.PutU32(Rta.Table, spec.Table);
        }

        if (spec.Priority is { } priority)
        {
            builder.PutU32(Rta.Priority, priority);
        }

        if (outputIndex > 0)
        {
            builder.PutU32(Rta.OutputInterface, (uint)outputIndex);
        }

        if (spec.Mtu is { } mtu)
        {
            var metrics = builder.BeginNested(Rta.Metrics);
            builder.PutU32(Rta.MetricMtu, mtu);
            builder.EndNested(metrics);
        }
    }
}
