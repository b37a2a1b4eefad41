using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Spiderpool.Grains.Interfaces.Addressing;
using Xunit;

namespace Spiderpool.Tests.Unit.Addressing;

/// <summary>The address types travel between grains; a round trip through Orleans' serializer must keep them equal.</summary>
public class AddressingSerializationTests
{
    private static readonly Serializer Serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void IpCidr_SurvivesARoundTrip_HostBitsIncluded()
    {
        var cidr = IpCidr.Parse("10.6.0.1/16");

        Assert.Equal(cidr, RoundTrip(cidr));
    }

    [Fact]
    public void IpRange_SurvivesARoundTrip()
    {
        var range = new IpRange(IpAddr.Parse("fd00::1"), IpAddr.Parse("fd00::9"));

        Assert.Equal(range, RoundTrip(range));
    }

    [Fact]
    public void IpRangeSet_SurvivesARoundTrip_AndStillWorks()
    {
        Assert.True(IpRangeParser.TryParseList(["10.0.0.1-10.0.0.4", "10.0.0.9"], IpFamily.V4, out var set, out _));

        var copy = RoundTrip(set);

        Assert.Equal(set, copy);
        Assert.Equal(["10.0.0.1-10.0.0.4", "10.0.0.9"], copy.ToStrings());
        Assert.True(copy.Contains(IpAddr.Parse("10.0.0.9")));
        Assert.Equal(IpRangeSet.Empty, RoundTrip(IpRangeSet.Empty));
    }
}
