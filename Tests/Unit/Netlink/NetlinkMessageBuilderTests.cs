using Spiderpool.Netlink.Protocol;
using Xunit;
using static Spiderpool.Tests.Unit.Netlink.Bytes;

namespace Spiderpool.Tests.Unit.Netlink;

public class NetlinkMessageBuilderTests
{
    [Theory]
    [InlineData("a", "0600 0300 61 00 0000")]
    [InlineData("ab", "0700 0300 6162 00 00")]
    [InlineData("mv0", "0800 0300 6d7630 00")]
    [InlineData("abcd", "0900 0300 61626364 00 000000")]
    public void PutString_NulTerminatesAndPadsTheValueToFourBytes(string value, string expected)
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.NewLink, NetlinkFlags.Request);

        builder.PutString(3, value);

        Assert.Equal(ToHex(Hex(expected)), ToHex(builder.Written[NetlinkHeader.Size..]));
    }

    [Fact]
    public void PutStringUnterminated_CountsOnlyTheCharactersButStillPads()
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.NewLink, NetlinkFlags.Request);

        builder.PutStringUnterminated(1, "macvlan");

        Assert.Equal(ToHex(Hex("0b00 0100 6d6163766c616e 00")), ToHex(builder.Written[NetlinkHeader.Size..]));
    }

    [Fact]
    public void Complete_PatchesTotalLengthAndSequenceIntoTheHeader()
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.GetLink, NetlinkFlags.Request | NetlinkFlags.Dump);
        builder.AppendFixed(IfInfoMessage.Size);
        builder.PutU8(16, 6);

        var message = builder.Complete(0x01020304);

        Assert.Equal(
            ToHex(Hex("28000000 1200 0103 04030201 00000000" + "00000000000000000000000000000000" + "0500 1000 06 000000")),
            ToHex(message));
    }

    [Fact]
    public void EndNested_CoversEveryAttributeAddedSinceBeginIncludingPadding()
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.NewLink, NetlinkFlags.Request);

        var outer = builder.BeginNested(18);
        builder.PutStringUnterminated(1, "veth");
        var inner = builder.BeginNested(2);
        builder.PutU8(1, 1);
        builder.EndNested(inner);
        builder.EndNested(outer);

        Assert.Equal(
            ToHex(Hex("1800 1200" + "0800 0100 76657468" + "0c00 0200" + "0500 0100 01 000000")),
            ToHex(builder.Written[NetlinkHeader.Size..]));
    }

    [Fact]
    public void Begin_DropsThePreviousMessage()
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.NewLink, NetlinkFlags.Request);
        builder.PutU32(4, 1500);
        builder.Begin(NetlinkMessageType.DelLink, NetlinkFlags.Request);

        Assert.Equal(NetlinkHeader.Size, builder.Complete(1).Length);
        Assert.Equal(NetlinkMessageType.DelLink, builder.Type);
    }

    [Fact]
    public void PutBytes_BeyondTheSixteenBitAttributeLength_Throws()
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.NewLink, NetlinkFlags.Request);

        var error = Assert.Throws<ArgumentException>(() => builder.PutBytes(1, new byte[70_000]));

        Assert.Contains("at most 65535", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffer_GrowsForLargeMessages()
    {
        var builder = new NetlinkMessageBuilder();
        builder.Begin(NetlinkMessageType.NewLink, NetlinkFlags.Request);
        for (var i = 0; i < 500; i++)
        {
            builder.PutU32(4, (uint)i);
        }

        var message = builder.Complete(1);

        Assert.Equal(NetlinkHeader.Size + (500 * 8), message.Length);
        Assert.Equal((uint)message.Length, NetlinkHeader.Read(message).Length);
    }
}
