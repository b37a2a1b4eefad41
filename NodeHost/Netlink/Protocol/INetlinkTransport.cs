namespace Spiderpool.Netlink.Protocol;

/// <summary>
/// Where requests go and replies come from: the kernel through <see cref="NetlinkSocket"/>, or scripted bytes in
/// unit tests (dump interruption, errors, malformed replies) that a real kernel will not produce on demand.
/// </summary>
internal interface INetlinkTransport : IDisposable
{
    void Send(ReadOnlySpan<byte> message);

    /// <summary>Blocks for the next datagram; the span is valid until the next call.</summary>
    ReadOnlySpan<byte> Receive();
}
