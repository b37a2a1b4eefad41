using Spiderpool.Netlink;
using Spiderpool.Netlink.Protocol;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class NetlinkReaderTests
{
    [Fact]
    public void AttributeReader_SkipsPaddingBetweenAttributes()
    {
        var bytes = Hex("0500 0100 07 000000" + "0600 0200 0102 0000" + "0800 0300 0a000000");
        var reader = new NetlinkAttributeReader(bytes);
        var seen = new List<(ushort, string)>();

        while (reader.TryRead(out var type, out var value))
        {
            seen.Add((type, ToHex(value)));
        }

        Assert.Equal([(1, "07"), (2, "0102"), (3, "0a000000")], seen);
    }

    [Fact]
    public void AttributeReader_StripsTheNestedAndByteOrderFlagsFromTheType()
    {
        var reader = new NetlinkAttributeReader(Hex("0400 1280" + "0400 0540"));

        Assert.True(reader.TryRead(out var first, out _));
        Assert.True(reader.TryRead(out var second, out _));
        Assert.Equal(18, first);
        Assert.Equal(5, second);
    }

    [Fact]
    public void AttributeReader_IgnoresATrailingFragmentShorterThanAHeader()
    {
        var reader = new NetlinkAttributeReader(Hex("0500 0100 07 000000" + "0000"));

        Assert.True(reader.TryRead(out _, out _));
        Assert.False(reader.TryRead(out _, out _));
    }

    [Theory]
    [InlineData("0300 0100 00000000")]
    [InlineData("0c00 0100 00000000")]
    public void AttributeReader_RejectsLengthsOutsideTheBuffer(string hex)
    {
        var bytes = Hex(hex);

        var error = Assert.Throws<NetlinkDecodeException>(() =>
        {
            var reader = new NetlinkAttributeReader(bytes);
            reader.TryRead(out _, out _);
        });

        Assert.Contains("attribute length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageReader_ReadsEachMessageOfADatagram()
    {
        var types = new List<ushort>();
        var reader = new NetlinkMessageReader(CapturedReplies.AddressDump);

        while (reader.TryRead(out var header, out var payload))
        {
            types.Add(header.Type);
            Assert.Equal((int)header.Length - NetlinkHeader.Size, payload.Length);
        }

        Assert.Equal([NetlinkMessageType.NewAddr, NetlinkMessageType.NewAddr, NetlinkMessageType.Done], types);
    }

    [Theory]
    [InlineData("0f000000 0300 0200 01000000 00000000")]
    [InlineData("20000000 0300 0200 01000000 00000000")]
    [InlineData("1400")]
    public void MessageReader_RejectsTruncatedOrOverlongMessages(string hex)
    {
        var bytes = Hex(hex);

        Assert.Throws<NetlinkDecodeException>(() =>
        {
            var reader = new NetlinkMessageReader(bytes);
            reader.TryRead(out _, out _);
        });
    }
}
