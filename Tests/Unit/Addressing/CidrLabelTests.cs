using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

public class CidrLabelTests
{
    [Theory]
    [InlineData("172.18.0.0/16", "172-18-0-0-16")]
    [InlineData("10.6.0.0/24", "10-6-0-0-24")]
    [InlineData("fd00::/64", "fd00---64")]
    [InlineData("fd00:1:2::/112", "fd00-1-2---112")]
    public void ToLabelValue_ReplacesDotsColonsAndTheSlashWithDashes(string cidr, string expected)
    {
        Assert.Equal(expected, CidrLabel.ToLabelValue(cidr));
    }

    [Fact]
    public void ToLabelValue_OfAParsedCidr_UsesItsCanonicalText()
    {
        Assert.Equal("fd00---64", CidrLabel.ToLabelValue(IpCidr.Parse("FD00:0::/64")));
    }

    [Fact]
    public void ToLabelValue_WhenTextIsNotACidr_Throws()
    {
        var error = Assert.Throws<FormatException>(() => CidrLabel.ToLabelValue("172.18.0.0"));

        Assert.Equal("'172.18.0.0': missing prefix length; write address/prefix such as 10.6.0.0/16", error.Message);
    }
}
