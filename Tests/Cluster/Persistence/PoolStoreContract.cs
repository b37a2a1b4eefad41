using System.Diagnostics;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Persistence;

/// <summary>
/// What every <see cref="IPoolStore"/> must do, written once and run by one subclass per implementation. Pool names
/// are unique per test so subclasses may share one database between parallel tests.
/// </summary>
public abstract class PoolStoreContract(ITestOutputHelper output)
{
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The store under test; may be shared with other tests.</summary>
    protected abstract Task<IPoolStore> StoreAsync();

    protected static string NewPool() => $"pool-{Guid.NewGuid():N}";

    protected static HeldAddress Held(string address, string pod = "default/pod-a", long stamp = 1_700_000_000_000) =>
        new(IpAddr.Parse(address), pod, $"uid-{pod}", $"container-{pod}", "eth0", stamp);

    protected static PoolWrite Write(string? head = null, IReadOnlyList<HeldAddress>? upserts = null, IReadOnlyList<string>? removals = null) =>
        new(head, upserts ?? [], removals?.Select(IpAddr.Parse).ToList() ?? []);

    protected static void AssertHeld(IEnumerable<HeldAddress> expected, PoolSnapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.OrderBy(h => h.Address), actual.Held.OrderBy(h => h.Address));
    }

    [ContractFact]
    public async Task Load_of_unknown_pool_is_null()
    {
        var store = await StoreAsync();
        Assert.Null(await store.LoadAsync(NewPool()));
    }

    [ContractFact]
    public async Task Create_with_version_0_stores_head_and_rows_at_version_1()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        var rows = new[] { Held("10.0.0.1"), Held("10.0.0.2", "kube-system/dns") };

        var version = await store.WriteAsync(pool, 0, Write("{\"spec\":1}", rows));

        Assert.Equal(1, version);
        var loaded = await store.LoadAsync(pool);
        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Version);
        Assert.Equal("{\"spec\":1}", loaded.HeadJson);
        AssertHeld(rows, loaded);
    }

    [ContractFact]
    public async Task Create_of_an_existing_pool_conflicts_and_changes_nothing()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{\"a\":1}", [Held("10.0.0.1")]));

        var conflict = await Assert.ThrowsAsync<PoolStoreConflictException>(() => store.WriteAsync(pool, 0, Write("{\"b\":2}", [Held("10.0.0.9")])));

        Assert.Contains(pool, conflict.Message, StringComparison.Ordinal);
        var loaded = await store.LoadAsync(pool);
        Assert.Equal(1, loaded!.Version);
        Assert.Equal("{\"a\":1}", loaded.HeadJson);
        AssertHeld([Held("10.0.0.1")], loaded);
    }

    [ContractFact]
    public async Task Write_to_a_missing_pool_with_a_version_conflicts()
    {
        var store = await StoreAsync();
        var pool = NewPool();

        await Assert.ThrowsAsync<PoolStoreConflictException>(() => store.WriteAsync(pool, 3, Write("{}", [Held("10.0.0.1")])));

        Assert.Null(await store.LoadAsync(pool));
    }

    [ContractFact]
    public async Task Stale_write_conflicts_and_changes_nothing()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{\"v\":1}", [Held("10.0.0.1"), Held("10.0.0.2")]));
        await store.WriteAsync(pool, 1, Write(upserts: [Held("10.0.0.3")]));

        var conflict = await Assert.ThrowsAsync<PoolStoreConflictException>(() =>
            store.WriteAsync(pool, 1, Write("{\"v\":2}", [Held("10.0.0.4"), Held("10.0.0.1", "other/pod")], ["10.0.0.2"])));

        Assert.Contains("expected version 1", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("found 2", conflict.Message, StringComparison.Ordinal);
        var loaded = await store.LoadAsync(pool);
        Assert.Equal(2, loaded!.Version);
        Assert.Equal("{\"v\":1}", loaded.HeadJson);
        AssertHeld([Held("10.0.0.1"), Held("10.0.0.2"), Held("10.0.0.3")], loaded);
    }

    [ContractFact]
    public async Task Upserts_insert_or_replace_and_removals_delete()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{\"v\":1}", [Held("10.0.0.1"), Held("10.0.0.2"), Held("10.0.0.3")]));

        var version = await store.WriteAsync(pool, 1, Write(upserts: [Held("10.0.0.2", "ns/new-owner", 42), Held("10.0.0.4")], removals: ["10.0.0.1"]));

        Assert.Equal(2, version);
        var loaded = await store.LoadAsync(pool);
        Assert.Equal(2, loaded!.Version);
        Assert.Equal("{\"v\":1}", loaded.HeadJson); // a null head keeps the stored one
        AssertHeld([Held("10.0.0.2", "ns/new-owner", 42), Held("10.0.0.3"), Held("10.0.0.4")], loaded);

        version = await store.WriteAsync(pool, 2, Write("{\"v\":3}"));
        Assert.Equal(3, version);
        loaded = await store.LoadAsync(pool);
        Assert.Equal("{\"v\":3}", loaded!.HeadJson);
        Assert.Equal(3, loaded.Held.Count);
    }

    [ContractFact]
    public async Task Removing_an_absent_row_is_fine()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{}", [Held("10.0.0.1")]));

        var version = await store.WriteAsync(pool, 1, Write(removals: ["10.0.0.200", "10.0.0.1", "10.0.0.1"]));

        Assert.Equal(2, version);
        AssertHeld([], await store.LoadAsync(pool));
    }

    [ContractFact]
    public async Task An_empty_write_still_moves_the_version()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{}"));

        Assert.Equal(2, await store.WriteAsync(pool, 1, Write()));
        Assert.Equal(2, (await store.LoadAsync(pool))!.Version);
    }

    [ContractFact]
    public async Task Repeated_upserts_of_one_address_keep_the_last()
    {
        var store = await StoreAsync();
        var pool = NewPool();

        await store.WriteAsync(pool, 0, Write("{}", [Held("10.0.0.1", "ns/first"), Held("10.0.0.2"), Held("10.0.0.1", "ns/last")]));

        AssertHeld([Held("10.0.0.1", "ns/last"), Held("10.0.0.2")], await store.LoadAsync(pool));
    }

    [ContractFact]
    public async Task Rule_violations_are_refused_before_anything_is_written()
    {
        var store = await StoreAsync();
        var pool = NewPool();

        var noHead = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(pool, 0, Write(upserts: [Held("10.0.0.1")])));
        Assert.Contains("HeadJson", noHead.Message, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync(pool));

        await store.WriteAsync(pool, 0, Write("{}", [Held("10.0.0.1")]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(pool, 1, Write(upserts: [Held("10.0.0.2")], removals: ["10.0.0.2"])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.WriteAsync(pool, -1, Write()));
        var loaded = await store.LoadAsync(pool);
        Assert.Equal(1, loaded!.Version);
        AssertHeld([Held("10.0.0.1")], loaded);
    }

    [ContractFact]
    public async Task Identifiers_of_any_shape_round_trip_exactly()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        string[] uids = ["0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E", "{0f8fad5b-d9cb-469f-a165-70867728950e}", "not-a-uid", "", "ünïcødé-✓"];
        string[] containers = [new string('a', 64), "0123456789abcdef", new string('A', 64), "abc", "", "containerd://0123abcd", "ünïcødé-✓"];
        var rows = new List<HeldAddress>();
        var n = 0;
        foreach (var uid in uids)
        {
            foreach (var container in containers)
            {
                rows.Add(new HeldAddress(new IpAddr(IpFamily.V4, 0x0A01_0000u + (uint)n++), $"ns/pod-{n}", uid, container, n % 2 == 0 ? "eth0" : "net1", n,
                    Node: n % 3 == 0 ? "" : $"worker-{n % 5}.example", NetName: n % 4 == 0 ? "" : "macvlan-ünïcødé"));
            }
        }

        await store.WriteAsync(pool, 0, new PoolWrite("{}", rows, []));

        AssertHeld(rows, await store.LoadAsync(pool));
    }

    [ContractFact]
    public async Task IPv6_rows_round_trip()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        var rows = new[] { Held("fd00::1"), Held("fd00:10:244::ffff"), Held("2001:db8::abcd:1") };

        await store.WriteAsync(pool, 0, Write("{}", rows));
        await store.WriteAsync(pool, 1, Write(removals: ["fd00::1"]));

        AssertHeld(rows.Skip(1), await store.LoadAsync(pool));
    }

    [ContractFact]
    public async Task Stored_state_cannot_be_changed_through_the_callers_lists()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        var upserts = new List<HeldAddress> { Held("10.0.0.1") };

        await store.WriteAsync(pool, 0, new PoolWrite("{}", upserts, []));
        upserts.Add(Held("10.0.0.2"));
        var first = await store.LoadAsync(pool);
        if (first!.Held is IList<HeldAddress> { IsReadOnly: false } loadedList)
        {
            loadedList.Clear();
        }

        AssertHeld([Held("10.0.0.1")], await store.LoadAsync(pool));
    }

    [ContractFact]
    public async Task Delete_needs_the_current_version_and_removes_head_and_rows()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{\"v\":1}", [Held("10.0.0.1"), Held("10.0.0.2")]));
        await store.WriteAsync(pool, 1, Write(upserts: [Held("10.0.0.3")]));

        await Assert.ThrowsAsync<PoolStoreConflictException>(() => store.DeleteAsync(pool, 1));
        Assert.Equal(2, (await store.LoadAsync(pool))!.Version);

        await store.DeleteAsync(pool, 2);
        Assert.Null(await store.LoadAsync(pool));

        // The name can be created again from scratch, without the old rows.
        await store.WriteAsync(pool, 0, Write("{\"v\":\"new\"}", [Held("10.0.0.9")]));
        var recreated = await store.LoadAsync(pool);
        Assert.Equal(1, recreated!.Version);
        AssertHeld([Held("10.0.0.9")], recreated);
    }

    [ContractFact]
    public async Task Delete_of_a_missing_pool_is_fine_at_version_0_and_a_conflict_otherwise()
    {
        var store = await StoreAsync();
        var pool = NewPool();

        await store.DeleteAsync(pool, 0);
        await Assert.ThrowsAsync<PoolStoreConflictException>(() => store.DeleteAsync(pool, 1));
    }

    [ContractFact]
    public async Task List_is_ordinal_and_follows_creates_and_deletes()
    {
        var store = await StoreAsync();
        var suffix = Guid.NewGuid().ToString("N");
        string[] names = [$"b-{suffix}", $"B-{suffix}", $"a-{suffix}", $"a.{suffix}"];
        foreach (var name in names)
        {
            await store.WriteAsync(name, 0, Write("{}"));
        }

        await store.DeleteAsync(names[0], 1);

        var listed = (await store.ListPoolsAsync()).Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"B-{suffix}", $"a-{suffix}", $"a.{suffix}"], listed);
        var all = await store.ListPoolsAsync();
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
    }

    [ContractFact]
    public async Task ListHeads_returns_each_pools_current_head_and_version_without_its_rows()
    {
        var store = await StoreAsync();
        var suffix = Guid.NewGuid().ToString("N");
        await store.WriteAsync($"b-{suffix}", 0, Write("{\"n\":1}"));
        await store.WriteAsync($"a-{suffix}", 0, Write("{\"n\":2}", upserts: [Held("10.0.9.1")]));
        await store.WriteAsync($"a-{suffix}", 1, Write("{\"n\":3}"));

        var heads = (await store.ListHeadsAsync()).Where(h => h.Name.EndsWith(suffix, StringComparison.Ordinal)).ToList();

        Assert.Equal([new PoolHeadRecord($"a-{suffix}", 2, "{\"n\":3}"), new PoolHeadRecord($"b-{suffix}", 1, "{\"n\":1}")], heads);
    }

    [ContractFact]
    public async Task Concurrent_writers_of_one_version_have_exactly_one_winner()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        await store.WriteAsync(pool, 0, Write("{}"));

        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await store.WriteAsync(pool, 1, Write(upserts: [Held($"10.0.1.{i}")]));
                return i;
            }
            catch (PoolStoreConflictException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        var winner = Assert.Single(winners);
        var loaded = await store.LoadAsync(pool);
        Assert.Equal(2, loaded!.Version);
        AssertHeld([Held($"10.0.1.{winner}")], loaded);
    }

    [ContractFact]
    public async Task Hundred_thousand_rows_round_trip()
    {
        var store = await StoreAsync();
        var pool = NewPool();
        var rows = Enumerable.Range(0, 100_000)
            .Select(i => new HeldAddress(
                new IpAddr(IpFamily.V4, 0x0A00_0000u + (uint)i),
                $"namespace-{i % 97}/workload-{i:D6}-7d9f8b6c5-x2k4q",
                Guid.NewGuid().ToString(),
                $"{i:x8}{new string('c', 56)}",
                "eth0",
                1_700_000_000_000 + i))
            .ToList();

        var watch = Stopwatch.StartNew();
        await store.WriteAsync(pool, 0, new PoolWrite("{\"rows\":100000}", rows, []));
        var written = watch.Elapsed;
        watch.Restart();
        var loaded = await store.LoadAsync(pool);
        var read = watch.Elapsed;
        Output.WriteLine($"{GetType().Name}: wrote 100,000 rows in {written.TotalMilliseconds:F0} ms, loaded them in {read.TotalMilliseconds:F0} ms");

        Assert.NotNull(loaded);
        Assert.Equal(100_000, loaded.Held.Count);
        AssertHeld(rows, loaded);

        // A small change next to them touches only its own rows.
        await store.WriteAsync(pool, 1, new PoolWrite(null, [rows[5] with { PodKey = "changed/pod" }], [rows[7].Address]));
        var changed = await store.LoadAsync(pool);
        Assert.Equal(99_999, changed!.Held.Count);
        Assert.Contains(changed.Held, h => h.Address == rows[5].Address && h.PodKey == "changed/pod");
        Assert.DoesNotContain(changed.Held, h => h.Address == rows[7].Address);
    }
}
