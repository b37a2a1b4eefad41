using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Spiderpool.Silo.Postgres;
using Xunit;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// The <see cref="IMembershipTable"/> contract on <see cref="PostgresMembershipTable"/>: table version and row ETags,
/// atomic insert/update, the dirty I-am-alive write, cleanup and the gateway list. Each test owns a cluster id.
/// </summary>
public sealed class PostgresMembershipTableTests : IAsyncLifetime, IDisposable
{
    private static int s_generation = Environment.ProcessId % 10_000 * 100_000;

    private readonly PostgresDataSources _dataSources = new();
    private readonly string _clusterId = PostgresTestDatabase.UniqueName("cluster");
    private readonly PostgresMembershipTable _table;

    public PostgresMembershipTableTests()
    {
        _table = NewTable(_clusterId);
    }

    public Task InitializeAsync() => _table.InitializeMembershipTable(tryInitTableVersion: true);

    public async Task DisposeAsync()
    {
        await _table.DeleteMembershipTableEntries(_clusterId);
        await _dataSources.DisposeAsync();
    }

    public void Dispose() => _dataSources.Dispose();

    [PostgresFact]
    public async Task A_new_table_is_empty_at_version_0()
    {
        var data = await _table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [PostgresFact]
    public async Task Initialising_again_keeps_the_table()
    {
        Assert.True(await _table.InsertRow(NewEntry(), (await _table.ReadAll()).Version.Next()));

        await _table.InitializeMembershipTable(tryInitTableVersion: true);
        await NewTable(_clusterId).InitializeMembershipTable(tryInitTableVersion: false);

        var data = await _table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [PostgresFact]
    public async Task Insert_moves_the_table_version_and_refuses_duplicates_and_stale_versions()
    {
        var initial = (await _table.ReadAll()).Version;
        var entry = NewEntry();

        Assert.True(await _table.InsertRow(entry, initial.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(initial.VersionEtag, after.Version.VersionEtag);
        var (stored, etag) = Assert.Single(after.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        AssertSameEntry(entry, stored);

        Assert.False(await _table.InsertRow(NewEntry(), initial.Next()), "a stale table version must fail");
        Assert.False(await _table.InsertRow(entry, after.Version.Next()), "a duplicate silo must fail");

        var final = await _table.ReadAll();
        Assert.Single(final.Members);
        Assert.Equal(after.Version, final.Version);
    }

    [PostgresFact]
    public async Task ReadRow_returns_one_entry_with_the_table_version()
    {
        var entry = NewEntry();
        var other = NewEntry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(other, (await _table.ReadAll()).Version.Next()));

        var row = await _table.ReadRow(entry.SiloAddress);
        var missing = await _table.ReadRow(NewEntry().SiloAddress);

        Assert.Equal(2, row.Version.Version);
        AssertSameEntry(entry, Assert.Single(row.Members).Item1);
        Assert.Empty(missing.Members);
        Assert.Equal(row.Version, missing.Version);
    }

    [PostgresFact]
    public async Task Update_needs_the_row_etag_and_the_table_etag()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var data = await _table.ReadAll();
        var rowEtag = data.TryGet(entry.SiloAddress)!.Item2;

        var changed = NewEntry(entry.SiloAddress);
        changed.Status = SiloStatus.Active;
        changed.RoleName = "role";
        changed.UpdateZone = 4;
        changed.FaultZone = 9;
        changed.AddSuspector(NewEntry().SiloAddress, Now().AddSeconds(1));
        changed.AddSuspector(NewEntry().SiloAddress, Now().AddSeconds(2));

        Assert.False(await _table.UpdateRow(changed, "12345", data.Version.Next()), "wrong row etag");
        Assert.False(await _table.UpdateRow(changed, rowEtag, new TableVersion(data.Version.Version + 1, "12345")), "wrong table etag");
        Assert.False(await _table.UpdateRow(NewEntry(), rowEtag, data.Version.Next()), "missing row");
        Assert.Equal(data.Version, (await _table.ReadAll()).Version);

        Assert.True(await _table.UpdateRow(changed, rowEtag, data.Version.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(2, after.Version.Version);
        var (stored, newRowEtag) = after.TryGet(entry.SiloAddress)!;
        Assert.NotEqual(rowEtag, newRowEtag);
        AssertSameEntry(changed, stored);

        Assert.False(await _table.UpdateRow(changed, rowEtag, after.Version.Next()), "the old row etag is stale now");
        Assert.False(await _table.UpdateRow(changed, newRowEtag, data.Version.Next()), "the old table version is stale now");
        Assert.Equal(after.Version, (await _table.ReadAll()).Version);
    }

    [PostgresFact]
    public async Task IAmAlive_changes_only_that_time()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();
        var alive = Now().AddMinutes(5);

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        var (stored, etag) = after.TryGet(entry.SiloAddress)!;
        Assert.Equal(before.TryGet(entry.SiloAddress)!.Item2, etag);
        Assert.Equal(alive, stored.IAmAliveTime);
        Assert.Equal(entry.Status, stored.Status);
        Assert.Equal(entry.StartTime, stored.StartTime);
    }

    [PostgresFact]
    public async Task Concurrent_inserts_have_one_winner_and_concurrent_updates_serialise()
    {
        var entry = NewEntry();
        var version = (await _table.ReadAll()).Version.Next();
        var tables = Enumerable.Range(0, 20).Select(_ => NewTable(_clusterId)).ToList();

        var inserted = await Task.WhenAll(tables.Select(t => t.InsertRow(entry, version)));
        Assert.Single(inserted, ok => ok);

        await Task.WhenAll(tables.Take(19).Select(async table =>
        {
            while (true)
            {
                var data = await table.ReadAll();
                var (row, etag) = data.TryGet(entry.SiloAddress)!;
                if (await table.UpdateRow(row, etag, data.Version.Next()))
                {
                    return;
                }
            }
        })).WaitAsync(TimeSpan.FromSeconds(30));

        var final = await _table.ReadAll();
        Assert.Equal(20, final.Version.Version);
        Assert.Single(final.Members);
    }

    [PostgresFact]
    public async Task Cleanup_removes_old_entries_that_are_not_active()
    {
        var old = Now().AddDays(-10);
        var entries = new List<MembershipEntry>();
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            var entry = NewEntry(status: status);
            entry.StartTime = old;
            entry.IAmAliveTime = old;
            entries.Add(entry);
        }

        var recentJoiner = NewEntry(status: SiloStatus.Joining);
        var recentlyVotedDead = NewEntry(status: SiloStatus.Dead);
        recentlyVotedDead.StartTime = old;
        recentlyVotedDead.IAmAliveTime = old;
        recentlyVotedDead.AddSuspector(recentJoiner.SiloAddress, Now());
        var oldButAliveAgain = NewEntry(status: SiloStatus.Joining);
        oldButAliveAgain.StartTime = old;
        oldButAliveAgain.IAmAliveTime = old;
        foreach (var entry in entries.Append(recentJoiner).Append(recentlyVotedDead).Append(oldButAliveAgain))
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = oldButAliveAgain.SiloAddress, IAmAliveTime = Now() });
        var versionBefore = (await _table.ReadAll()).Version;

        await _table.CleanupDefunctSiloEntries(old.AddDays(3));

        var remaining = (await _table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        var oldActive = entries.Single(e => e.Status == SiloStatus.Active).SiloAddress;
        Assert.Equal(new HashSet<SiloAddress> { oldActive, recentJoiner.SiloAddress, recentlyVotedDead.SiloAddress, oldButAliveAgain.SiloAddress }, remaining);
        Assert.Equal(versionBefore, (await _table.ReadAll()).Version);
    }

    [PostgresFact]
    public async Task Deleting_a_cluster_leaves_other_clusters_alone()
    {
        var otherId = PostgresTestDatabase.UniqueName("cluster");
        var other = NewTable(otherId);
        await other.InitializeMembershipTable(true);
        try
        {
            Assert.True(await _table.InsertRow(NewEntry(), (await _table.ReadAll()).Version.Next()));
            Assert.True(await other.InsertRow(NewEntry(), (await other.ReadAll()).Version.Next()));

            await _table.DeleteMembershipTableEntries(_clusterId);

            var gone = await _table.ReadAll();
            Assert.Empty(gone.Members);
            Assert.Equal(0, gone.Version.Version);
            Assert.Single((await other.ReadAll()).Members);
        }
        finally
        {
            await other.DeleteMembershipTableEntries(otherId);
        }
    }

    [PostgresFact]
    public async Task Gateways_are_the_active_silos_with_a_proxy_port()
    {
        var active = NewEntry(status: SiloStatus.Active, proxyPort: 30001);
        var activeNoGateway = NewEntry(status: SiloStatus.Active, proxyPort: 0);
        var joining = NewEntry(status: SiloStatus.Joining, proxyPort: 30002);
        var dead = NewEntry(status: SiloStatus.Dead, proxyPort: 30003);
        var secondActive = NewEntry(status: SiloStatus.Active, proxyPort: 30004);
        foreach (var entry in new[] { active, activeNoGateway, joining, dead, secondActive })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        var provider = new PostgresGatewayListProvider(
            _dataSources,
            Options.Create(new PostgresClusteringOptions { ConnectionString = PostgresTestDatabase.ConnectionString }),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "svc" }),
            Options.Create(new GatewayOptions()),
            NullLogger<PostgresGatewayListProvider>.Instance);
        await provider.InitializeGatewayListProvider();

        var gateways = await provider.GetGateways();

        var expected = new[] { active, secondActive }
            .Select(e => SiloAddress.New(e.SiloAddress.Endpoint.Address, e.ProxyPort, e.SiloAddress.Generation).ToGatewayUri())
            .OrderBy(u => u.ToString(), StringComparer.Ordinal);
        Assert.Equal(expected, gateways.OrderBy(u => u.ToString(), StringComparer.Ordinal));
        Assert.True(provider.IsUpdatable);
    }

    private PostgresMembershipTable NewTable(string clusterId) => new(
        _dataSources,
        Options.Create(new PostgresClusteringOptions { ConnectionString = PostgresTestDatabase.ConnectionString }),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "svc" }),
        NullLogger<PostgresMembershipTable>.Instance);

    private static MembershipEntry NewEntry(SiloAddress? silo = null, SiloStatus status = SiloStatus.Joining, int proxyPort = 30000)
    {
        var generation = Interlocked.Increment(ref s_generation);
        silo ??= SiloAddress.New(IPAddress.Loopback, 11_000 + generation % 1_000, generation);
        return new MembershipEntry
        {
            SiloAddress = silo,
            Status = status,
            ProxyPort = proxyPort,
            HostName = "host-" + generation,
            SiloName = "silo-" + generation,
            StartTime = Now(),
            IAmAliveTime = Now(),
        };
    }

    /// <summary>UTC now at millisecond precision, which PostgreSQL's microsecond timestamps keep exactly.</summary>
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.ToFullString(), actual.ToFullString());
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes ?? [], actual.SuspectTimes ?? []);
    }
}
