using System.Collections.Concurrent;
using Npgsql;

namespace Spiderpool.Silo.Postgres;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (one connection pool) per connection string for the whole process host, shared
/// by the pool store, grain storage and clustering so they do not each open their own pool of connections.
/// </summary>
public sealed class PostgresDataSources : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    /// <summary>The data source for <paramref name="connectionString"/>, created on first use.</summary>
    public NpgsqlDataSource Get(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return _sources.GetOrAdd(connectionString, static cs => new Lazy<NpgsqlDataSource>(() => Create(cs))).Value;
    }

    /// <summary>
    /// Builds a data source tuned for Spiderpool's access pattern: many short single-statement commands with the same
    /// few SQL texts.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;

        // Auto-preparation turns every repeated statement into a server-side prepared statement on each physical
        // connection, so the hot pool write skips parse and plan. Left alone when the connection string sets it.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
            settings.AutoPrepareMinUsages = 2;
        }

        // Every statement we send is a short keyed lookup or change whose best plan does not depend on the
        // parameter values. Left to "auto", PostgreSQL keeps choosing a fresh custom plan for the pool write (its
        // arrays look cheaper when known), which doubles that statement's cost; a generic plan is planned once per
        // connection. Measured: ~450 us -> ~300 us per single-row pool write. Kept when the connection string
        // already sets plan_cache_mode.
        if (settings.Options is null || !settings.Options.Contains("plan_cache_mode", StringComparison.Ordinal))
        {
            settings.Options = $"{settings.Options} -c plan_cache_mode=force_generic_plan".TrimStart();
        }

        // None of our commands leaves session state behind (locks are transaction-scoped), so resetting each
        // connection when it returns to the pool would only cost the server work on every write.
        settings.NoResetOnClose = true;
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            if (source.IsValueCreated)
            {
                await source.Value.DisposeAsync();
            }
        }

        _sources.Clear();
    }

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            if (source.IsValueCreated)
            {
                source.Value.Dispose();
            }
        }

        _sources.Clear();
    }
}
