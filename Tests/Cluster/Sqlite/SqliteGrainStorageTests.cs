using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;
using Spiderpool.Silo.Sqlite;
using Xunit;

namespace Spiderpool.Tests.Cluster.Sqlite;

/// <summary>
/// <see cref="SqliteGrainStorage"/> as a silo would build it: registered through
/// <see cref="SqliteHostingExtensions.AddSqliteGrainStorage"/> and resolved from a (not started) silo host, so the
/// serializer is whatever Orleans provides by default.
/// </summary>
public sealed class SqliteGrainStorageTests(SqliteTestDirectory directory) : IClassFixture<SqliteTestDirectory>, IDisposable
{
    private const string ProviderName = "sqlite-test";

    private readonly List<IHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task Reading_a_missing_record_gives_a_fresh_state_and_no_etag()
    {
        var storage = Storage();
        var state = new GrainState<Record> { ETag = "stale", RecordExists = true };

        await storage.ReadStateAsync("record", NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Null(state.State!.Name);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var storage = Storage();
        var grain = NewGrain();
        var written = new GrainState<Record> { State = new Record { Name = "pod-a", Count = 3, Tags = ["x", "y"] } };

        await storage.WriteStateAsync("record", grain, written);
        var read = new GrainState<Record>();
        await storage.ReadStateAsync("record", grain, read);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("pod-a", read.State!.Name);
        Assert.Equal(3, read.State.Count);
        Assert.Equal(["x", "y"], read.State.Tags);
        var other = new GrainState<Record>();
        await storage.ReadStateAsync("other", grain, other);
        Assert.False(other.RecordExists);
    }

    [Fact]
    public async Task A_stale_etag_a_blind_write_and_a_foreign_etag_are_refused_and_change_nothing()
    {
        var storage = Storage();
        var grain = NewGrain();
        var first = new GrainState<Record> { State = new Record { Name = "one" } };
        await storage.WriteStateAsync("record", grain, first);
        var staleEtag = first.ETag;
        first.State.Name = "two";
        await storage.WriteStateAsync("record", grain, first);
        Assert.NotEqual(staleEtag, first.ETag);

        var stale = new GrainState<Record> { State = new Record { Name = "lost update" }, ETag = staleEtag, RecordExists = true };
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, stale));
        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(staleEtag, refused.CurrentEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, new GrainState<Record> { State = new Record { Name = "blind" } }));
        var foreign = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, new GrainState<Record> { State = new Record(), ETag = "not-a-version" }));
        Assert.Contains("was not issued by this provider", foreign.Message, StringComparison.Ordinal);

        var read = new GrainState<Record>();
        await storage.ReadStateAsync("record", grain, read);
        Assert.Equal("two", read.State!.Name);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_deletes_the_row_and_a_late_writer_from_before_the_clear_is_refused()
    {
        var storage = Storage();
        var grain = NewGrain();
        var state = new GrainState<Record> { State = new Record { Name = "first pod" } };
        await storage.WriteStateAsync("record", grain, state);
        var firstEtag = state.ETag;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("record", grain, new GrainState<Record> { State = new Record(), ETag = "999999", RecordExists = true }));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("record", grain, new GrainState<Record>()));

        await storage.ClearStateAsync("record", grain, state);
        var rowsAfterClear = await CountRowsAsync(grain);
        var etagAfterClear = state.ETag;
        state.State = new Record { Name = "same name, new pod" };
        await storage.WriteStateAsync("record", grain, state);

        Assert.Equal(0, rowsAfterClear);
        Assert.Null(etagAfterClear);
        Assert.NotEqual(firstEtag, state.ETag);
        var late = new GrainState<Record> { State = new Record { Name = "late" }, ETag = firstEtag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, late));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("record", grain, late));
        var read = new GrainState<Record>();
        await storage.ReadStateAsync("record", grain, read);
        Assert.Equal("same name, new pod", read.State!.Name);
        Assert.Equal(1, await CountRowsAsync(grain));

        // Clearing what was never stored is a no-op.
        await storage.ClearStateAsync("record", NewGrain(), new GrainState<Record>());
    }

    [Fact]
    public async Task Records_are_scoped_by_service_id()
    {
        var mine = Storage("service-a-" + Guid.NewGuid().ToString("N"));
        var theirs = Storage("service-b-" + Guid.NewGuid().ToString("N"));
        var grain = NewGrain();
        await mine.WriteStateAsync("record", grain, new GrainState<Record> { State = new Record { Name = "a's" } });

        var read = new GrainState<Record>();
        await theirs.ReadStateAsync("record", grain, read);
        var written = new GrainState<Record> { State = new Record { Name = "b's" } };
        await theirs.WriteStateAsync("record", grain, written);
        var again = new GrainState<Record>();
        await mine.ReadStateAsync("record", grain, again);

        Assert.False(read.RecordExists);
        Assert.True(written.RecordExists);
        Assert.Equal("a's", again.State!.Name);
    }

    [Fact]
    public async Task Records_and_versions_survive_closing_and_reopening_the_file()
    {
        var path = Path.Combine(directory.Path, "reopen-" + Guid.NewGuid().ToString("N"));
        var serviceId = "reopen-" + Guid.NewGuid().ToString("N");
        var grain = NewGrain();
        var state = new GrainState<Record> { State = new Record { Name = "kept" } };
        string? clearedEtag;
        using (var database = SqliteDatabase.Open(path))
        {
            var storage = Storage(serviceId, database);
            var cleared = new GrainState<Record> { State = new Record { Name = "cleared" } };
            await storage.WriteStateAsync("cleared", grain, cleared);
            clearedEtag = cleared.ETag;
            await storage.ClearStateAsync("cleared", grain, cleared);
            await storage.WriteStateAsync("record", grain, state);
        }

        using (var database = SqliteDatabase.Open(path))
        {
            var storage = Storage(serviceId, database);
            var read = new GrainState<Record>();
            await storage.ReadStateAsync("record", grain, read);
            var recreated = new GrainState<Record> { State = new Record { Name = "new" } };
            await storage.WriteStateAsync("cleared", grain, recreated);

            Assert.Equal("kept", read.State!.Name);
            Assert.Equal(state.ETag, read.ETag);
            // The counter is stored too: a version issued before the reopen is never issued again.
            Assert.True(long.Parse(recreated.ETag!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEqual(clearedEtag, recreated.ETag);
        }
    }

    private Task<long> CountRowsAsync(GrainId grain) =>
        directory.Database.RunAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM spiderpool_grain_state WHERE grain_id = $id";
            command.Parameters.AddWithValue("$id", grain.ToString());
            return (long)command.ExecuteScalar()!;
        }, CancellationToken.None);

    private IGrainStorage Storage(string? serviceId = null, SqliteDatabase? database = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "unused";
                o.ServiceId = serviceId ?? "service-" + Guid.NewGuid().ToString("N");
            });
            silo.Services.AddSingleton(database ?? directory.Database);
            silo.AddSqliteGrainStorage(ProviderName);
        });
        var host = builder.Build();
        _hosts.Add(host);
        return Assert.IsType<SqliteGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName));
    }

    private static GrainId NewGrain() => GrainId.Create("workload", Guid.NewGuid().ToString("N"));

    /// <summary>A state class shaped like a Workload grain's record ([GenerateSerializer] puts it on the JSON serializer's allow-list).</summary>
    [GenerateSerializer]
    public sealed class Record
    {
        [Id(0)]
        public string? Name { get; set; }

        [Id(1)]
        public int Count { get; set; }

        [Id(2)]
        public List<string> Tags { get; set; } = [];
    }
}
