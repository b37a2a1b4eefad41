using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Spiderpool.Tests.Cluster.Postgres;

/// <summary>
/// Numbers that matter for the pool grain's hot path, printed to the test output. The assertions are loose bounds
/// that catch a pathological regression (a lost index, a round trip per row), not benchmarks.
/// </summary>
public sealed class PostgresPoolStoreMeasurements(ITestOutputHelper output)
{
    private const int Rows = 100_000;

    [PostgresFact]
    public async Task Sequential_single_row_writes()
    {
        var store = new PostgresPoolStore(await PostgresTestDatabase.ReadyAsync(), NullLogger<PostgresPoolStore>.Instance);
        var pool = PostgresTestDatabase.UniqueName("seq");
        var version = await store.WriteAsync(pool, 0, new PoolWrite("{}", [], []));
        for (var i = 0; i < 50; i++)
        {
            version = await store.WriteAsync(pool, version, new PoolWrite(null, [HeldAt(i)], []));
        }

        const int writes = 2_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < writes; i++)
        {
            // Alternate allocate and release, the shape of a pod churning through the pool.
            var write = i % 2 == 0
                ? new PoolWrite(null, [HeldAt(1_000 + i)], [])
                : new PoolWrite(null, [], [HeldAt(1_000 + i - 1).Address]);
            version = await store.WriteAsync(pool, version, write);
        }

        var perSecond = writes / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{writes} sequential single-row pool writes: {watch.Elapsed.TotalMilliseconds:F0} ms, {perSecond:F0} writes/s, {watch.Elapsed.TotalMilliseconds * 1000 / writes:F0} us each");
        Assert.True(perSecond > 100, $"only {perSecond:F0} writes/s");
    }

    [PostgresFact]
    public async Task Concurrent_single_row_writes_to_separate_pools()
    {
        var store = new PostgresPoolStore(await PostgresTestDatabase.ReadyAsync(), NullLogger<PostgresPoolStore>.Instance);
        const int writers = 16;
        const int writesEach = 250;
        var pools = Enumerable.Range(0, writers).Select(_ => PostgresTestDatabase.UniqueName("conc")).ToArray();
        foreach (var pool in pools)
        {
            await store.WriteAsync(pool, 0, new PoolWrite("{}", [], []));
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(pools.Select(async pool =>
        {
            long version = 1;
            for (var i = 0; i < writesEach; i++)
            {
                version = await store.WriteAsync(pool, version, new PoolWrite(null, [HeldAt(i)], []));
            }
        }));

        var perSecond = writers * writesEach / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{writers} pools x {writesEach} single-row writes concurrently: {watch.Elapsed.TotalMilliseconds:F0} ms, {perSecond:F0} writes/s in total");
        Assert.True(perSecond > 100, $"only {perSecond:F0} writes/s");
    }

    [PostgresFact]
    public async Task Loading_a_hundred_thousand_rows()
    {
        var store = new PostgresPoolStore(await PostgresTestDatabase.ReadyAsync(), NullLogger<PostgresPoolStore>.Instance);
        var pool = PostgresTestDatabase.UniqueName("load");
        await store.WriteAsync(pool, 0, new PoolWrite("{}", Enumerable.Range(0, Rows).Select(HeldAt).ToList(), []));

        var timings = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var snapshot = await store.LoadAsync(pool);
            timings.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(Rows, snapshot!.Held.Count);
        }

        timings.Sort();
        output.WriteLine($"load of {Rows:N0} held rows: first {timings[^1]:F0} ms worst, median {timings[2]:F0} ms, best {timings[0]:F0} ms");
        Assert.True(timings[2] < 2_000, $"median load took {timings[2]:F0} ms");
        await store.DeleteAsync(pool, 1);
    }

    [PostgresFact]
    public async Task Stored_bytes_per_held_address()
    {
        // A private schema so the sizes are those of this pool's rows alone.
        var schema = $"sp_size_{Guid.NewGuid():N}";
        var shared = await PostgresTestDatabase.ReadyAsync();
        await using (var create = shared.CreateCommand($"CREATE SCHEMA {schema}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var settings = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ConnectionString) { SearchPath = schema };
            await using var dataSource = PostgresDataSources.Create(settings.ConnectionString);
            await PostgresSchema.EnsureCreatedAsync(dataSource);
            var store = new PostgresPoolStore(dataSource, NullLogger<PostgresPoolStore>.Instance);
            var pool = "default-v4-ippool";
            var version = await store.WriteAsync(pool, 0, new PoolWrite("{}", Enumerable.Range(0, Rows).Select(HeldAt).ToList(), []));
            var bulk = await BytesPerRowAsync(dataSource);

            // Churn: pods come and go in random places, which is what leaves index pages part-empty in production.
            // VACUUM after each round stands in for autovacuum, which lets freed space be reused.
            var random = new Random(7);
            var present = Enumerable.Range(0, Rows).ToHashSet();
            for (var round = 0; round < 10; round++)
            {
                var gone = present.OrderBy(_ => random.Next()).Take(Rows / 10).ToList();
                version = await store.WriteAsync(pool, version, new PoolWrite(null, [], gone.Select(i => HeldAt(i).Address).ToList()));
                present.ExceptWith(gone);
                var fresh = new List<HeldAddress>();
                while (fresh.Count < gone.Count)
                {
                    var candidate = random.Next(0, Rows * 2);
                    if (present.Add(candidate))
                    {
                        fresh.Add(HeldAt(candidate));
                    }
                }

                version = await store.WriteAsync(pool, version, new PoolWrite(null, fresh, []));
                await VacuumAsync(dataSource);
            }

            var churned = await BytesPerRowAsync(dataSource);
            output.WriteLine($"stored bytes per held address (heap + primary key, {Rows:N0} rows, 40-char pod key, 36-char uid, 64-char container id): bulk-loaded {bulk:F0}, after churn {churned:F0}");
            Assert.True(bulk <= 256, $"{bulk:F0} bytes per held address after a bulk load exceeds the 256-byte budget");
        }
        finally
        {
            await using var drop = shared.CreateCommand($"DROP SCHEMA {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task VacuumAsync(NpgsqlDataSource dataSource)
    {
        await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE spiderpool_pool_address");
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<double> BytesPerRowAsync(NpgsqlDataSource dataSource)
    {
        await VacuumAsync(dataSource);
        await using var size = dataSource.CreateCommand(
            "SELECT pg_total_relation_size('spiderpool_pool_address')::float8 / (SELECT count(*) FROM spiderpool_pool_address)");
        return (double)(await size.ExecuteScalarAsync())!;
    }

    /// <summary>A realistic held address: pod key of 40 characters, uuid, 64-hex container id.</summary>
    private static HeldAddress HeldAt(int i) => new(
        new IpAddr(IpFamily.V4, 0x0A00_0000u + (uint)i),
        $"kube-system/coredns-{i:D8}-7d9f8b6c5-x2k4q"[..40],
        new Guid(i, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8).ToString(),
        $"{i:x8}{new string('a', 56)}",
        "eth0",
        1_700_000_000_000 + i);
}
