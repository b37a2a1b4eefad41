using System.Diagnostics;
using System.Net.NetworkInformation;

namespace Spiderpool.Netlink.Probes;

/// <summary>Returns the answering host's MAC if the frame answers the probe, else null.</summary>
internal delegate PhysicalAddress? FrameMatcher(ReadOnlySpan<byte> frame);

/// <summary>The send/wait/retry schedule shared by the ARP and neighbour discovery probes.</summary>
internal static class ProbeLoop
{
    private const int FrameBufferSize = 2048;

    public static long Deadline(long start, TimeSpan after) => start + (long)(after.TotalSeconds * Stopwatch.Frequency);

    /// <summary>
    /// Sends <paramref name="request"/>, waits up to the per-attempt time for a matching frame, and repeats up to
    /// the attempt count, stopping at the overall deadline (measured from <paramref name="start"/>). The first
    /// attempt is always made, so a result never rests on zero requests.
    /// </summary>
    public static ProbeResult Run(
        PacketSocket socket, ReadOnlySpan<byte> request, ProbeOptions options, long start, FrameMatcher match, ProbeOutcome found, ProbeOutcome notFound)
    {
        var overall = Deadline(start, options.Overall);
        Span<byte> buffer = stackalloc byte[FrameBufferSize];
        var attempts = 0;
        while (attempts < options.Attempts && (attempts == 0 || Stopwatch.GetTimestamp() < overall))
        {
            attempts++;
            socket.Send(request);
            var attemptDeadline = Deadline(Stopwatch.GetTimestamp(), options.PerAttempt);
            attemptDeadline = attempts == 1 ? attemptDeadline : Math.Min(attemptDeadline, overall);
            int length;
            while ((length = socket.Receive(buffer, attemptDeadline)) >= 0)
            {
                if (match(buffer[..Math.Min(length, buffer.Length)]) is { } mac)
                {
                    return new ProbeResult(found, mac, attempts, Stopwatch.GetElapsedTime(start));
                }
            }
        }

        return new ProbeResult(notFound, null, attempts, Stopwatch.GetElapsedTime(start));
    }
}
