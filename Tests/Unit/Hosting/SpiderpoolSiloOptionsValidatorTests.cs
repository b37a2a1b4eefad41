using Spiderpool.Grains.Allocation;
using Spiderpool.Silo.Hosting;
using Xunit;

namespace Spiderpool.Tests.Unit.Hosting;

public sealed class SpiderpoolSiloOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValid() =>
        Assert.Empty(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions(), new AllocatorOptions()));

    [Fact]
    public void Validate_PostgresWithoutConnectionString_NamesTheSettingAndItsEnvironmentVariable()
    {
        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions { Storage = StorageMode.Postgres }, new AllocatorOptions()));

        Assert.StartsWith("Spiderpool:Postgres:ConnectionString is empty but Spiderpool:Storage is Postgres; set it (environment Spiderpool__Postgres__ConnectionString)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SweepGraceNotLongerThanDeadline_IsRejectedWithTheReason()
    {
        var allocation = new AllocatorOptions { RequestDeadline = TimeSpan.FromMinutes(2), SweepGrace = TimeSpan.FromMinutes(1) };

        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions(), allocation));

        Assert.Equal("Spiderpool:Allocation:SweepGrace (00:01:00) must be longer than RequestDeadline (00:02:00), or the sweep could free an address that is about to be recorded", error);
    }

    [Fact]
    public void Validate_EveryBadSetting_IsReportedTogether()
    {
        var options = new SpiderpoolSiloOptions { ClusterId = "", ServiceId = " ", SiloPort = 0, GatewayPort = 70000, AdvertisedAddress = "not-an-ip" };

        var errors = SpiderpoolSiloOptionsValidator.Validate(options, new AllocatorOptions { PoolRetries = 11, SweepInterval = TimeSpan.FromSeconds(-1) });

        Assert.Equal(
            [
                "Spiderpool:ClusterId is empty; every silo and NodeHost of one cluster must use the same non-empty id",
                "Spiderpool:ServiceId is empty; it keys stored state and must stay the same across restarts",
                "Spiderpool:SiloPort must be a TCP port between 1 and 65535, not 0",
                "Spiderpool:GatewayPort must be a TCP port between 1 and 65535, not 70000",
                "Spiderpool:AdvertisedAddress 'not-an-ip' is not an IP address",
                "Spiderpool:Allocation:SweepInterval must be zero (off) or positive, not -00:00:01",
                "Spiderpool:Allocation:PoolRetries must be between 0 and 10, not 11",
            ],
            errors);
    }
}
