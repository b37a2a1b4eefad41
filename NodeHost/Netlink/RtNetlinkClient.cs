using System.Diagnostics.CodeAnalysis;
using Spiderpool.Netlink.Interop;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Netlink;

/// <summary>
/// A NETLINK_ROUTE client: links, addresses, routes, policy rules and neighbours of one network namespace — the
/// namespace of the thread that called <see cref="Open"/> (a netlink socket keeps the namespace it was created
/// in). Use <see cref="Namespaces.NetworkNamespace.OpenNetlinkAsync"/> for another namespace's.
/// <para>
/// Calls are synchronous (the kernel answers at once) and serialised by a lock, so one client can be shared.
/// Adds fail if the object exists (EEXIST); Replace* create or overwrite; Delete* return false when the object
/// was already gone, which each method documents in terms of the errno that means "gone".
/// </para>
/// </summary>
public sealed partial class RtNetlinkClient : IDisposable
{
    /// <summary>How many times a dump is restarted after the kernel flags it as inconsistent (NLM_F_DUMP_INTR).</summary>
    internal const int MaxDumpAttempts = 5;

    private readonly INetlinkTransport _transport;
    private readonly NetlinkMessageBuilder _builder = new();
    private readonly Lock _gate = new();
    private uint _sequence;
    private bool _disposed;

    internal RtNetlinkClient(INetlinkTransport transport, uint firstSequence = 1)
    {
        _transport = transport;
        _sequence = firstSequence - 1;
    }

    /// <summary>A payload decoder for dumps and gets; null skips the message (e.g. a family we do not model).</summary>
    internal delegate T? PayloadDecoder<T>(ReadOnlySpan<byte> payload)
        where T : class;

    /// <summary>Opens a NETLINK_ROUTE socket in the calling thread's current network namespace.</summary>
    public static RtNetlinkClient Open() => new(NetlinkSocket.Open());

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _transport.Dispose();
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowFailed(NetlinkAck ack, string operation) =>
        throw new NetlinkException(operation, ack.Errno, ack.Message);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Sends the request in the builder with NLM_F_ACK set and returns the kernel's answer (errno 0 = done).</summary>
    private NetlinkAck Acknowledge()
    {
        var sequence = unchecked(++_sequence);
        _transport.Send(_builder.Complete(sequence));
        while (true)
        {
            var reader = new NetlinkMessageReader(_transport.Receive());
            while (reader.TryRead(out var header, out var payload))
            {
                // Replies to an earlier request that was abandoned half-way (an exception while decoding a dump)
                // can still be queued; they carry an older sequence number.
                if (header.Sequence == sequence && header.Type == NetlinkMessageType.Error)
                {
                    return NetlinkAck.ParseError(header.Flags, payload);
                }
            }
        }
    }

    /// <summary>Sends a non-dump GET and returns the decoded reply, or the error the kernel answered with.</summary>
    private T? GetOne<T>(PayloadDecoder<T> decode, out NetlinkAck error)
        where T : class
    {
        var sequence = unchecked(++_sequence);
        _transport.Send(_builder.Complete(sequence));
        while (true)
        {
            var reader = new NetlinkMessageReader(_transport.Receive());
            while (reader.TryRead(out var header, out var payload))
            {
                if (header.Sequence != sequence)
                {
                    continue;
                }

                if (header.Type == NetlinkMessageType.Error)
                {
                    error = NetlinkAck.ParseError(header.Flags, payload);
                    if (!error.IsSuccess)
                    {
                        return null;
                    }

                    continue;
                }

                error = default;
                return decode(payload);
            }
        }
    }

    /// <summary>
    /// Sends the dump request in the builder and collects every reply until NLMSG_DONE. If any part carries
    /// NLM_F_DUMP_INTR the kernel's tables changed while it walked them (entries may be missing or doubled), so
    /// the whole dump is repeated, up to <see cref="MaxDumpAttempts"/> times.
    /// </summary>
    private List<T> Dump<T>(PayloadDecoder<T> decode, Func<T, bool>? filter, string operation)
        where T : class
    {
        for (var attempt = 1; attempt <= MaxDumpAttempts; attempt++)
        {
            var sequence = unchecked(++_sequence);
            _transport.Send(_builder.Complete(sequence));
            var results = new List<T>();
            var interrupted = false;
            var done = false;
            while (!done)
            {
                var reader = new NetlinkMessageReader(_transport.Receive());
                while (reader.TryRead(out var header, out var payload))
                {
                    if (header.Sequence != sequence)
                    {
                        continue;
                    }

                    interrupted |= (header.Flags & NetlinkFlags.DumpInterrupted) != 0;
                    switch (header.Type)
                    {
                        case NetlinkMessageType.Done:
                            {
                                var status = NetlinkAck.ParseDone(header.Flags, payload);
                                if (!status.IsSuccess)
                                {
                                    ThrowFailed(status, operation);
                                }

                                done = true;
                                break;
                            }

                        case NetlinkMessageType.Error:
                            {
                                var error = NetlinkAck.ParseError(header.Flags, payload);
                                if (!error.IsSuccess)
                                {
                                    ThrowFailed(error, operation);
                                }

                                done = true;
                                break;
                            }

                        case NetlinkMessageType.Noop:
                        case NetlinkMessageType.Overrun:
                            break;

                        default:
                            if (decode(payload) is { } item && (filter is null || filter(item)))
                            {
                                results.Add(item);
                            }

                            break;
                    }

                    if (done)
                    {
                        break;
                    }
                }
            }

            if (!interrupted)
            {
                return results;
            }
        }

        throw new NetlinkException(
            operation,
            Errno.EINTR,
            $"the kernel flagged the dump as inconsistent (NLM_F_DUMP_INTR: the table changed while it was read) {MaxDumpAttempts} times in a row; retry when the changes settle");
    }
}
