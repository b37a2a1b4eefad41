using System.Runtime.CompilerServices;
using Npgsql;

namespace Spiderpool.Silo.Postgres;

/// <summary>Creates Spiderpool's tables (<c>Postgres/Schema.sql</c>, embedded in this assembly) when missing.</summary>
public static class PostgresSchema
{
    private const string ResourceSuffix = ".Postgres.Schema.sql";

    // Several providers of one silo share a data source and each ensures the schema at start; once one of them has
    // succeeded the others need not take the advisory lock again.
    private static readonly ConditionalWeakTable<NpgsqlDataSource, object> s_ensured = [];

    private static readonly Lazy<string> s_script = new(LoadScript);

    /// <summary>The schema script as embedded.</summary>
    public static string Script => s_script.Value;

    /// <summary>
    /// Runs the schema script in one transaction. Safe to call concurrently from several processes: the script takes
    /// an advisory transaction lock and only creates what is missing.
    /// </summary>
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (s_ensured.TryGetValue(dataSource, out _))
        {
            return;
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var command = new NpgsqlCommand(Script, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        s_ensured.AddOrUpdate(dataSource, true);
    }

    private static string LoadScript()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"embedded resource '*{ResourceSuffix}' is missing from {assembly.GetName().Name}; Silo.csproj must embed Postgres/*.sql");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
