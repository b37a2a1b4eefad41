using System.Buffers.Binary;
using System.Text;
using Spiderpool.Netlink.Protocol;

namespace Spiderpool.Tests.Unit.Netlink;

/// <summary>
/// Stands in for the kernel: each request is answered by a script that sees the request (and so its sequence
/// number) and returns the datagrams to deliver. Receiving with nothing queued fails the test instead of hanging.
/// </summary>
internal sealed class ScriptedTransport(Func<byte[], int, IEnumerable<byte[]>> script) : INetlinkTransport
{
    private readonly Queue<byte[]> _pending = new();

    public List<byte[]> Requests { get; } = [];

    public bool Disposed { get; private set; }

    public void Send(ReadOnlySpan<byte> message)
    {
        var request = message.ToArray();
        Requests.Add(request);
        foreach (var datagram in script(request, Requests.Count))
        {
            _pending.Enqueue(datagram);
        }
    }

    public ReadOnlySpan<byte> Receive() =>
        _pending.TryDequeue(out var datagram) ? datagram : throw new InvalidOperationException("the test script has no reply queued; the client waited for one it should not need");

    public void Dispose() => Disposed = true;

    public static uint Sequence(byte[] request) => BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));

    public static byte[] Message(ushort type, NetlinkFlags flags, uint sequence, ReadOnlySpan<byte> payload)
    {
        var message = new byte[NetlinkHeader.Size + ((payload.Length + 3) & ~3)];
        new NetlinkHeader((uint)(NetlinkHeader.Size + payload.Length), type, flags, sequence, 1234).Write(message);
        payload.CopyTo(message.AsSpan(NetlinkHeader.Size));
        return message;
    }

    /// <summary>An NLMSG_ERROR answering <paramref name="request"/> (capped), with an extended-ACK message if given.</summary>
    public static byte[] Error(byte[] request, int errno, string? extendedAck = null)
    {
        var payload = new List<byte>();
        payload.AddRange(BitConverter.GetBytes(-errno));
        payload.AddRange(request.AsSpan(0, NetlinkHeader.Size).ToArray());
        var flags = NetlinkFlags.Capped;
        if (extendedAck is not null)
        {
            flags |= NetlinkFlags.AckTlvs;
            var text = Encoding.UTF8.GetBytes(extendedAck + "\0");
            payload.AddRange(BitConverter.GetBytes((ushort)(4 + text.Length)));
            payload.AddRange(BitConverter.GetBytes((ushort)1));
            payload.AddRange(text);
            while (payload.Count % 4 != 0)
            {
                payload.Add(0);
            }
        }

        return Message(NetlinkMessageType.Error, flags, Sequence(request), payload.ToArray());
    }

    public static byte[] Ack(byte[] request) => Error(request, 0);

    public static byte[] Done(uint sequence, NetlinkFlags extra = NetlinkFlags.None, int errno = 0) =>
        Message(NetlinkMessageType.Done, NetlinkFlags.Multi | extra, sequence, BitConverter.GetBytes(-errno));

    public static byte[] Concat(params byte[][] messages) => messages.SelectMany(m => m).ToArray();
}
