using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Pools;
using Spiderpool.Grains.Persistence;
using Spiderpool.Silo.Hosting;

namespace Spiderpool.Tests.Benchmarks;

/// <summary>A silo configured exactly as production (PostgreSQL storage and clustering), hosted in this process.</summary>
internal sealed class BenchSilo(IHost host, string connectionString) : IAsyncDisposable
{
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Spiderpool:Storage"] = "Postgres",
            ["Spiderpool:Postgres:ConnectionString"] = connectionString,
            ["Spiderpool:ClusterId"] = "bench",
            ["Spiderpool:ServiceId"] = "bench",
            ["Spiderpool:AdvertisedAddress"] = "127.0.0.1",
            ["Spiderpool:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Spiderpool:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Spiderpool:Allocation:SweepInterval"] = "00:00:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseSpiderpool(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, connectionString);
    }

    public async Task<string> CreatePoolAsync(string name, string subnet, string ips)
    {
        var result = await Grains.GetGrain<IIPPoolGrain>(name).SetSpecAsync(new PoolSpec { Subnet = subnet, Ips = [ips] });
        return result.Accepted ? name : throw new InvalidOperationException(result.Error);
    }

    /// <summary>Stores `count` held addresses from `first` upwards, as if that many pods held them, then reloads the pool.</summary>
    public async Task PreloadAsync(string pool, IpAddr first, int count)
    {
        var store = host.Services.GetRequiredService<IPoolStore>();
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const int batch = 10_000;
        for (var offset = 0; offset < count; offset += batch)
        {
            var snapshot = await store.LoadAsync(pool) ?? throw new InvalidOperationException($"pool {pool} is not stored");
            var rows = Enumerable.Range(offset, Math.Min(batch, count - offset))
                .Select(i => new HeldAddress(new IpAddr(first.Family, first.Value + (UInt128)i), $"preload/p{i}", $"00000000-0000-4000-8000-{i:D12}", $"{i:x64}", "eth0", stamp))
                .ToList();
            await store.WriteAsync(pool, snapshot.Version, new PoolWrite(null, rows, []));
        }

        // The running activation did not see these writes: collect it so the pool reloads from storage. (Were it
        // still alive, its next write would fail on the version and the allocator would retry on a new one.)
        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
    }

    /// <summary>
    /// Lets PostgreSQL finish what a bulk load leaves behind (a vacuum and statistics of the address table, a
    /// checkpoint of the WAL it wrote), so the cells after the preload measure allocation, not the preload's
    /// aftermath: without it the /8 and /64 cells showed a p99 of about 20 ms that the /24 did not.
    /// </summary>
    public async Task SettleStorageAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in new[] { "VACUUM (ANALYZE) spiderpool_pool_address", "CHECKPOINT" })
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task<double> BytesPerHeldAddressAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_total_relation_size('spiderpool_pool_address')::float8 / GREATEST(count(*), 1) FROM spiderpool_pool_address", connection);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
