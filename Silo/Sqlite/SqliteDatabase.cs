using Microsoft.Data.Sqlite;

namespace Spiderpool.Silo.Sqlite;

/// <summary>
/// The embedded silo's database: <c>spiderpool.db</c> in the data directory, held by this process alone through an
/// exclusive lock on <c>spiderpool.db.lock</c> next to it, and reached through one connection that serves one caller
/// at a time. The pool store and the grain storage share it.
/// </summary>
/// <remarks>
/// Durability: WAL journal with <c>synchronous=FULL</c>, so a commit is on disk (the WAL fsynced) before the call
/// returns: an answered CNI ADD survives power loss, not only a killed process. One connection is enough for one
/// process: SQLite serialises writers anyway, and every operation here is a few keyed statements.
/// Microsoft.Data.Sqlite's async methods run synchronously, so each operation runs on a thread-pool thread
/// (<see cref="Task.Run(Action)"/>) and callers wait for the connection with an async gate: a grain's turn never
/// blocks on another caller's fsync.
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    public const string FileName = "spiderpool.db";

    public const string LockFileName = FileName + ".lock";

    private const string ResourceSuffix = ".Sqlite.Schema.sql";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _lockFile;
    private readonly SqliteConnection _connection;
    private bool _disposed;

    private SqliteDatabase(string directory, FileStream lockFile, SqliteConnection connection)
    {
        Directory = directory;
        FilePath = Path.Combine(directory, FileName);
        _lockFile = lockFile;
        _connection = connection;
    }

    /// <summary>The data directory, as an absolute path.</summary>
    public string Directory { get; }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Creates the directory if needed, takes the lock, opens (or creates) the database and its schema. Throws
    /// <see cref="OrleansConfigurationException"/> naming <c>Spiderpool:DataDirectory</c> when the directory cannot be
    /// used or another process holds it.
    /// </summary>
    public static SqliteDatabase Open(string dataDirectory)
    {
        var directory = SqliteSettings.CheckDirectory(dataDirectory);
        var lockFile = AcquireLock(directory);
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, FileName),
                Mode = SqliteOpenMode.ReadWriteCreate,
                // The one connection lives as long as this object; a pooled one would keep the file open after Dispose.
                Pooling = false,
            }.ToString());
            connection.Open();
            var journal = Scalar(connection, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new SqliteException($"the database refused the WAL journal (journal_mode is '{journal}')", 0);
            }

            Scalar(connection, "PRAGMA synchronous = FULL");
            // Only other programs reading the file (the sqlite3 shell) can make us wait; never for long.
            Scalar(connection, "PRAGMA busy_timeout = 5000");
            using (var transaction = connection.BeginTransaction())
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Script.Value;
                command.ExecuteNonQuery();
                transaction.Commit();
            }

            return new SqliteDatabase(directory, lockFile, connection);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw new OrleansConfigurationException(
                $"{SqliteSettings.DataDirectoryKey} '{directory}': cannot open {Path.Combine(directory, FileName)} as Spiderpool's database ({e.Message}); " +
                $"move the file away if it is not one, or set {SqliteSettings.DataDirectoryKey} to another directory, or use {SqliteSettings.VolatileHint}", e);
        }
        catch
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> with the connection, alone, on a thread-pool thread.</summary>
    /// <remarks>Cancellation only stops waiting for the connection: work that has started runs to its commit or rollback.</remarks>
    internal async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(() => work(_connection), CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
            _lockFile.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static readonly Lazy<string> Script = new(LoadScript);

    /// <summary>
    /// Two processes on one file would each believe they are the only writer of every pool (a pool grain caches its
    /// state and trusts its version), so the second one is refused. The lock is an flock on the lock file (what .NET
    /// takes for <see cref="FileShare.None"/>); the kernel drops it when the process dies, even by SIGKILL.
    /// </summary>
    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OrleansConfigurationException(SqliteSettings.NotWritable(directory, e.Message), e);
        }
        catch (IOException e) when (SqliteSettings.IsLocked(e))
        {
            throw new OrleansConfigurationException(SqliteSettings.InUse(directory), e);
        }
        catch (IOException e)
        {
            throw new OrleansConfigurationException(SqliteSettings.NotWritable(directory, e.Message), e);
        }

        // For people: which process holds it. Nothing reads it back.
        stream.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        stream.Write(pid);
        stream.Flush();
        return stream;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string LoadScript()
    {
        var assembly = typeof(SqliteDatabase).Assembly;
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"embedded resource '*{ResourceSuffix}' is missing from {assembly.GetName().Name}; Silo.csproj must embed Sqlite/*.sql");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
