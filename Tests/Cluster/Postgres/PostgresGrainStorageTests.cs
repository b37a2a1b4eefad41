using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Spiderpool.Silo.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// <see cref="PostgresGrainStorage"/> as a silo would build it: registered through
/// <see cref="PostgresHostingExtensions.AddPostgresGrainStorage"/> and resolved from a (not started) silo host, so the
/// serializer is whatever Orleans provides by default.
/// </summary>
public sealed class PostgresGrainStorageTests(ITestOutputHelper output) : IDisposable
{
    internal const string ProviderName = "pg-test";

    private readonly IHost _host = BuildHost(PostgresTestDatabase.UniqueName("service"));

    public void Dispose() => _host.Dispose();

    [PostgresFact]
    public async Task Reading_a_missing_record_gives_a_fresh_state_and_no_etag()
    {
        var storage = await StorageAsync();
        var state = new GrainState<Record> { ETag = "stale", RecordExists = true };

        await storage.ReadStateAsync("record", NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Null(state.State.Name);
    }

    [PostgresFact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var storage = await StorageAsync();
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
        Assert.Equal(3, read.State!.Count);
        Assert.Equal(["x", "y"], read.State!.Tags);

        // Another state name of the same grain is a separate record.
        var other = new GrainState<Record>();
        await storage.ReadStateAsync("other", grain, other);
        Assert.False(other.RecordExists);
    }

    [PostgresFact]
    public async Task A_stale_etag_is_refused()
    {
        var storage = await StorageAsync();
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

        // A writer that never read (no ETag) cannot overwrite an existing record either.
        var blind = new GrainState<Record> { State = new Record { Name = "blind" } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, blind));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, new GrainState<Record> { State = new Record(), ETag = "not-a-version" }));

        var read = new GrainState<Record>();
        await storage.ReadStateAsync("record", grain, read);
        Assert.Equal("two", read.State!.Name);
    }

    [PostgresFact]
    public async Task Clear_needs_the_current_etag_and_leaves_no_record()
    {
        var storage = await StorageAsync();
        var grain = NewGrain();
        var state = new GrainState<Record> { State = new Record { Name = "to clear" } };
        await storage.WriteStateAsync("record", grain, state);
        var beforeClear = state.ETag;

        var stale = new GrainState<Record> { State = new Record(), ETag = "999", RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("record", grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("record", grain, new GrainState<Record>()));

        await storage.ClearStateAsync("record", grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.State.Name);

        var read = new GrainState<Record>();
        await storage.ReadStateAsync("record", grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Name);
        Assert.Equal(state.ETag, read.ETag);

        // A writer holding the ETag from before the clear is still refused; the clearing activation can write on.
        var preClear = new GrainState<Record> { State = new Record { Name = "zombie" }, ETag = beforeClear, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, preClear));
        state.State = new Record { Name = "again" };
        await storage.WriteStateAsync("record", grain, state);
        await storage.ReadStateAsync("record", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("again", read.State!.Name);

        // Clearing what was never stored is a no-op.
        await storage.ClearStateAsync("record", NewGrain(), new GrainState<Record>());
    }

    [PostgresFact]
    public async Task Clear_deletes_the_row_and_a_record_created_again_never_matches_an_old_etag()
    {
        var storage = await StorageAsync();
        var dataSource = await PostgresTestDatabase.ReadyAsync();
        var grain = NewGrain();
        var state = new GrainState<Record> { State = new Record { Name = "first pod" } };
        await storage.WriteStateAsync("record", grain, state);
        var firstEtag = state.ETag;

        await storage.ClearStateAsync("record", grain, state);
        var rowsAfterClear = await CountRowsAsync(dataSource, grain);
        var etagAfterClear = state.ETag;
        state.State = new Record { Name = "same name, new pod" };
        await storage.WriteStateAsync("record", grain, state);

        Assert.Equal(0, rowsAfterClear);
        Assert.Null(etagAfterClear);
        Assert.NotEqual(firstEtag, state.ETag);
        // A late writer from before the clear still holds the first ETag: it must not overwrite the new record.
        var late = new GrainState<Record> { State = new Record { Name = "late" }, ETag = firstEtag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("record", grain, late));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("record", grain, late));
        var read = new GrainState<Record>();
        await storage.ReadStateAsync("record", grain, read);
        Assert.Equal("same name, new pod", read.State!.Name);
        Assert.Equal(1, await CountRowsAsync(dataSource, grain));
    }

    private static async Task<long> CountRowsAsync(Npgsql.NpgsqlDataSource dataSource, GrainId grain)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM spiderpool_grain_state WHERE grain_id = @id");
        command.Parameters.AddWithValue("id", grain.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [PostgresFact]
    public async Task Uses_the_serializer_orleans_provides()
    {
        await StorageAsync();
        var options = _host.Services.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get(ProviderName);
        var siloDefault = _host.Services.GetRequiredService<IGrainStorageSerializer>();
        output.WriteLine($"grain storage serializer: {options.GrainStorageSerializer.GetType().FullName}");
        Assert.Same(siloDefault, options.GrainStorageSerializer);
    }

    private async Task<IGrainStorage> StorageAsync()
    {
        await PostgresTestDatabase.ReadyAsync();
        var storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
        Assert.IsType<PostgresGrainStorage>(storage);
        return storage;
    }

    private static GrainId NewGrain() => GrainId.Create("workload", Guid.NewGuid().ToString("N"));

    internal static IHost BuildHost(string serviceId, string? connectionString = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "unused";
                o.ServiceId = serviceId;
            });
            silo.AddPostgresGrainStorage(ProviderName, o => o.ConnectionString = connectionString ?? PostgresTestDatabase.ConnectionString);
        });
        return builder.Build();
    }

    /// <summary>
    /// A state class shaped like a Workload grain's record. [GenerateSerializer] is what puts it on the type
    /// allow-list of Orleans' default (JSON) grain storage serializer; without it reads fail.
    /// </summary>
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
