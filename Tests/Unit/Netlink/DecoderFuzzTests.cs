using System.Diagnostics;
using CsCheck;
using Spiderpool.Netlink;
using Spiderpool.Netlink.Probes;
using Spiderpool.Netlink.Protocol;
using Xunit;

namespace Spiderpool.Tests.Unit.Netlink;

/// <summary>
/// Bounded fuzzing (about 3 s in all) of everything that parses bytes from outside: whatever arrives, the
/// netlink decoders either return or throw <see cref="NetlinkDecodeException"/>, the frame parsers return false,
/// and nothing loops forever.
/// </summary>
public class DecoderFuzzTests
{
    private static readonly ushort[] Types =
    [
        NetlinkMessageType.Error, NetlinkMessageType.Done, NetlinkMessageType.NewLink, NetlinkMessageType.NewAddr,
        NetlinkMessageType.NewRoute, NetlinkMessageType.NewRule, NetlinkMessageType.NewNeigh,
    ];

    private static readonly byte[][] Captured =
    [
        CapturedReplies.MacvlanLink, CapturedReplies.RouteDump, CapturedReplies.AddressDump, CapturedReplies.RuleDump, CapturedReplies.NeighbourDump,
    ];

    /// <summary>Arbitrary bytes: mostly stopped at the header checks.</summary>
    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 600];

    /// <summary>A well-formed header of a type we decode around a random body, so the family decoders see garbage.</summary>
    private static readonly Gen<byte[]> RandomBodies =
        Gen.Select(Gen.Int[0, Types.Length - 1], Gen.UShort, Gen.Byte.Array[0, 400], (type, flags, body) =>
        {
            var message = new byte[NetlinkHeader.Size + body.Length];
            new NetlinkHeader((uint)message.Length, Types[type], (NetlinkFlags)flags, 1, 0).Write(message);
            body.CopyTo(message, NetlinkHeader.Size);
            return message;
        });

    /// <summary>Real kernel datagrams with a few bytes overwritten: deep paths (nested attributes, TLVs) with bad lengths.</summary>
    private static readonly Gen<byte[]> MutatedCaptures =
        Gen.Select(Gen.Int[0, Captured.Length - 1], Gen.Select(Gen.Int[0, 4095], Gen.Byte).Array[1, 8], (which, edits) =>
        {
            var copy = Captured[which].ToArray();
            foreach (var (position, value) in edits)
            {
                copy[position % copy.Length] = value;
            }

            return copy;
        });

    [Fact]
    public void NetlinkDecoding_OnlyEverThrowsDecodeExceptions()
    {
        Bounded(() =>
        {
            RandomBytes.Sample(DecodeOrDecodeError, time: 1, threads: 1);
            RandomBodies.Sample(DecodeOrDecodeError, time: 1, threads: 1);
            MutatedCaptures.Sample(DecodeOrDecodeError, time: 1, threads: 1);
        });
    }

    [Fact]
    public void FrameParsing_NeverThrows()
    {
        Bounded(() => Gen.Byte.Array[0, 200].Sample(
            frame =>
            {
                _ = ArpPacket.TryParse(frame, out _);
                _ = NdpPacket.TryParseAdvertisement(frame, out _);
                if (frame.Length > 14)
                {
                    // Also as IPv6 frames, so the NDP parser gets past the ethertype check.
                    frame[12] = 0x86;
                    frame[13] = 0xdd;
                    _ = NdpPacket.TryParseAdvertisement(frame, out _);
                }
            },
            iter: 20_000,
            threads: 1));
    }

    private static void DecodeOrDecodeError(byte[] datagram)
    {
        try
        {
            NetlinkDatagram.Decode(datagram);
        }
        catch (NetlinkDecodeException)
        {
        }
    }

    /// <summary>Runs the sampling with a watchdog: a decoder stuck in a loop fails the test instead of hanging the run.</summary>
    private static void Bounded(Action sampling)
    {
        var watch = Stopwatch.StartNew();
        var run = Task.Run(sampling);
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), $"fuzzing did not finish in 30 s ({watch.Elapsed}); a decoder is probably looping");
        run.GetAwaiter().GetResult();
    }
}
