using Spiderpool.Grains.Allocation;
using Spiderpool.Silo.Hosting;
using Xunit;

namespace Spiderpool.Tests.Unit.Hosting;

public sealed class SpiderpoolSiloOptionsValidatorTests : IDisposable
{
    // The default data directory is /var/lib/spiderpool; the validator creates it, so tests point it here instead.
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"spiderpool-validator-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        else if (File.Exists(dataDirectory))
        {
            File.Delete(dataDirectory);
        }
    }

    private SpiderpoolSiloOptions Embedded() => new() { DataDirectory = dataDirectory };

    [Fact]
    public void Defaults_AreEmbeddedInVarLibSpiderpool() =>
        Assert.Equal((StorageMode.Embedded, "/var/lib/spiderpool"), (new SpiderpoolSiloOptions().Storage, new SpiderpoolSiloOptions().DataDirectory));

    [Fact]
    public void Validate_Defaults_WithAWritableDataDirectory_AreValidAndCreateIt()
    {
        Assert.Empty(SpiderpoolSiloOptionsValidator.Validate(Embedded(), new AllocatorOptions()));

        Assert.True(Directory.Exists(dataDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataDirectory)); // the write probe is gone
    }

    [Fact]
    public void Validate_EmbeddedWithADataDirectoryThatCannotBeCreated_NamesTheSettingAndTheWayOut()
    {
        File.WriteAllText(dataDirectory, "");
        var below = Path.Combine(dataDirectory, "state");

        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions { DataDirectory = below }, new AllocatorOptions()));

        Assert.StartsWith($"Spiderpool:DataDirectory '{below}' is not writable: ", error, StringComparison.Ordinal);
        Assert.EndsWith("; set Spiderpool:DataDirectory to a directory this process may write, or use Spiderpool:Storage=Volatile (memory only; NodeHost --volatile)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmbeddedWithAFileAsDataDirectory_SaysItIsAFile()
    {
        File.WriteAllText(dataDirectory, "");

        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(Embedded(), new AllocatorOptions()));

        Assert.Equal($"Spiderpool:DataDirectory '{dataDirectory}' is a file, not a directory; set Spiderpool:DataDirectory to a directory", error);
    }

    [Fact]
    public void Validate_EmbeddedWithAnEmptyDataDirectory_NamesTheSetting()
    {
        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions { DataDirectory = " " }, new AllocatorOptions()));

        Assert.Equal("Spiderpool:DataDirectory is empty but Spiderpool:Storage is Embedded; set it to the directory that keeps the pools and workload records (default /var/lib/spiderpool), or use Spiderpool:Storage=Volatile (memory only; NodeHost --volatile)", error);
    }

    [Fact]
    public void Validate_EmbeddedWithADataDirectoryAnotherProcessHolds_SaysItIsInUseAndTheWaysOut()
    {
        Directory.CreateDirectory(dataDirectory);
        var lockFile = Path.Combine(dataDirectory, "spiderpool.db.lock");
        using var held = new FileStream(lockFile, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(Embedded(), new AllocatorOptions()));

        Assert.Equal(
            $"Spiderpool:DataDirectory '{dataDirectory}' is in use by another process ({lockFile} is locked); two silos must not share one database: " +
            $"stop the other Spiderpool process (its pid is in {lockFile}), or set Spiderpool:DataDirectory to a directory of its own, or use Spiderpool:Storage=Volatile (memory only; NodeHost --volatile)",
            error);
    }

    [Fact]
    public void Validate_Volatile_NeitherNeedsNorTouchesADataDirectory()
    {
        Assert.Empty(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions { Storage = StorageMode.Volatile, DataDirectory = "" }, new AllocatorOptions()));
        Assert.Empty(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions { Storage = StorageMode.Volatile, DataDirectory = dataDirectory }, new AllocatorOptions()));

        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public void Validate_AnUnknownStorage_ListsTheThreeModes()
    {
        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(new SpiderpoolSiloOptions { Storage = (StorageMode)7 }, new AllocatorOptions()));

        Assert.Equal("Spiderpool:Storage must be Embedded, Volatile or Postgres, not '7'", error);
    }

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

        var error = Assert.Single(SpiderpoolSiloOptionsValidator.Validate(Embedded(), allocation));

        Assert.Equal("Spiderpool:Allocation:SweepGrace (00:01:00) must be longer than RequestDeadline (00:02:00), or the sweep could free an address that is about to be recorded", error);
    }

    [Fact]
    public void Validate_EveryBadSetting_IsReportedTogether()
    {
        var options = new SpiderpoolSiloOptions { DataDirectory = dataDirectory, ClusterId = "", ServiceId = " ", SiloPort = 0, GatewayPort = 70000, AdvertisedAddress = "not-an-ip" };

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
