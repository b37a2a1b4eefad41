namespace Spiderpool.Netlink.Probes;

/// <summary>
/// Whether a gratuitous ARP / unsolicited neighbour advertisement went out. Announcing is best effort (peers only
/// refresh caches with it), so failures are reported here rather than thrown.
/// </summary>
public sealed record AnnouncementResult(bool Sent, string? Error)
{
    internal static AnnouncementResult Success { get; } = new(true, null);
}
