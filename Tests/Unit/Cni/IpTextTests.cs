using Spiderpool.Cni.Plugin;
using Xunit;

namespace Spiderpool.Tests.Unit.Cni;

public sealed class IpTextTests
{
    [Theory]
    [InlineData("10.6.1.10/16", "10.6.1.10/16")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("FD00:6:0::A/64", "fd00:6::a/64")]
    [InlineData("::/0", "::/0")]
    public void A_cidr_is_read_and_written_canonically(string text, string expected)
    {
        Assert.True(IpText.TryParseCidr(text, out var address, out var prefix));
        Assert.Equal(expected, IpText.Format(address, prefix));
    }

    [Theory]
    [InlineData("10.1/8")]
    [InlineData("0x0a.0.0.1/8")]
    [InlineData("010.0.0.1/8")]
    [InlineData("10.0.0.256/8")]
    [InlineData("10.0.0.1/33")]
    [InlineData("10.0.0.1/08")]
    [InlineData("10.0.0.1/")]
    [InlineData("10.0.0.1")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("[fd00::1]/64")]
    [InlineData("fd00::1/129")]
    [InlineData("10.0.0.1/24/1")]
    [InlineData(" 10.0.0.1/24")]
    [InlineData("")]
    [InlineData(null)]
    public void Lenient_or_malformed_cidrs_are_rejected(string? text) =>
        Assert.False(IpText.TryParseCidr(text, out _, out _));

    [Theory]
    [InlineData("10.6.1.10", 16, "10.6.0.0")]
    [InlineData("10.6.1.10", 0, "0.0.0.0")]
    [InlineData("10.6.1.10", 32, "10.6.1.10")]
    [InlineData("10.6.1.10", 23, "10.6.0.0")]
    [InlineData("fd00:96::1", 112, "fd00:96::")]
    [InlineData("fd00:96::1:2", 127, "fd00:96::1:2")]
    public void The_network_of_a_cidr_clears_the_host_bits(string address, int prefix, string network)
    {
        Assert.True(IpText.TryParseAddress(address, out var parsed));
        Assert.Equal(network, IpText.Network(parsed, prefix).ToString());
    }
}
