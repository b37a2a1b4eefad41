using Microsoft.Extensions.Logging.Abstractions;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Sqlite;
using Xunit;

namespace Spiderpool.Tests.Cluster.Sqlite;

/// <summary>The data directory: one process at a time, settings that make commits durable, state kept across opens.</summary>
public sealed class SqliteDatabaseTests(SqliteTestDirectory directory) : IClassFixture<SqliteTestDirectory>
{
    [Fact]
    public void A_second_opener_of_a_data_directory_in_use_is_refused_with_the_setting_to_change()
    {
        var refused = Assert.Throws<OrleansConfigurationException>(() => SqliteDatabase.Open(directory.Path));

        Assert.StartsWith($"Spiderpool:DataDirectory '{directory.Path}' is in use by another process", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set Spiderpool:DataDirectory to a directory of its own, or use Spiderpool:Storage=Volatile", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_first_closes_the_directory_can_be_opened_again_with_its_pools()
    {
        var path = Path.Combine(directory.Path, "reopen-" + Guid.NewGuid().ToString("N"));
        var held = new HeldAddress(IpAddr.Parse("10.9.0.7"), "ns/pod", "uid-1", "ctr-1", "eth0", 1);
        using (var first = SqliteDatabase.Open(path))
        {
            await new SqlitePoolStore(first, NullLogger<SqlitePoolStore>.Instance).WriteAsync("kept", 0, new PoolWrite("{}", [held], []));
            Assert.Throws<OrleansConfigurationException>(() => SqliteDatabase.Open(path));
        }

        using var second = SqliteDatabase.Open(path);
        var loaded = await new SqlitePoolStore(second, NullLogger<SqlitePoolStore>.Instance).LoadAsync("kept");

        Assert.Equal(1, loaded!.Version);
        Assert.Equal([held], loaded.Held);
    }

    [Fact]
    public async Task Commits_go_to_a_write_ahead_log_synced_in_full()
    {
        var (journal, synchronous) = await directory.Database.RunAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var journalMode = (string)command.ExecuteScalar()!;
            command.CommandText = "PRAGMA synchronous";
            return (journalMode, (long)command.ExecuteScalar()!);
        }, CancellationToken.None);

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // 2 = FULL: the WAL is fsynced at every commit
    }

    [Fact]
    public void A_file_in_place_of_the_directory_is_refused_naming_the_setting()
    {
        var file = Path.Combine(directory.Path, "not-a-directory");
        File.WriteAllText(file, "");

        var refused = Assert.Throws<OrleansConfigurationException>(() => SqliteDatabase.Open(file));

        Assert.Equal($"Spiderpool:DataDirectory '{file}' is a file, not a directory; set Spiderpool:DataDirectory to a directory", refused.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_the_file_and_the_setting()
    {
        var path = Path.Combine(directory.Path, "garbage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, SqliteDatabase.FileName), new string('x', 8192));

        var refused = Assert.Throws<OrleansConfigurationException>(() => SqliteDatabase.Open(path));

        Assert.StartsWith($"Spiderpool:DataDirectory '{path}': cannot open {Path.Combine(path, SqliteDatabase.FileName)} as Spiderpool's database", refused.Message, StringComparison.Ordinal);
        // The lock was released: once the file is moved away the directory opens.
        File.Delete(Path.Combine(path, SqliteDatabase.FileName));
        SqliteDatabase.Open(path).Dispose();
    }
}
