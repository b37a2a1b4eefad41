using Spiderpool.Netlink.Addresses;
using Spiderpool.Netlink.Links;
using Spiderpool.Netlink.Neighbours;
using Spiderpool.Netlink.Routes;
using Spiderpool.Netlink.Rules;

namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// Decodes every message of a datagram into the typed records (links, addresses, routes, rules, neighbours,
/// ACK/DONE status), whatever request it answers: the one entry point to the decoders for diagnostics and for the
/// decoder fuzz test. Malformed input throws <see cref="NetlinkDecodeException"/> and nothing else.
/// </summary>
internal static class NetlinkDatagram
{
    public static List<object> Decode(ReadOnlySpan<byte> datagram)
    {
        var results = new List<object>();
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var header, out var payload))
        {
            object? item = header.Type switch
            {
                NetlinkMessageType.Error => NetlinkAck.ParseError(header.Flags, payload),
                NetlinkMessageType.Done => NetlinkAck.ParseDone(header.Flags, payload),
                NetlinkMessageType.NewLink or NetlinkMessageType.DelLink => LinkDecoder.Decode(payload),
                NetlinkMessageType.NewAddr or NetlinkMessageType.DelAddr => AddressDecoder.Decode(payload),
                NetlinkMessageType.NewRoute or NetlinkMessageType.DelRoute => RouteDecoder.Decode(payload),
                NetlinkMessageType.NewRule or NetlinkMessageType.DelRule => RuleDecoder.Decode(payload),
                NetlinkMessageType.NewNeigh or NetlinkMessageType.DelNeigh => NeighbourDecoder.Decode(payload),
                _ => null,
            };

            if (item is not null)
            {
                results.Add(item);
            }
        }

        return results;
    }
}
