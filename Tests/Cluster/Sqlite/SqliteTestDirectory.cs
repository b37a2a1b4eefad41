using Spiderpool.Silo.Sqlite;

namespace Spiderpool.Tests.Cluster.Sqlite;

/// <summary>
/// A temporary data directory for one test class with the <see cref="SqliteDatabase"/> in it, opened once and shared
/// by the class's tests (they use unique pool names and service ids); closed and deleted after the class.
/// </summary>
public sealed class SqliteTestDirectory : IDisposable
{
    public SqliteTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"spiderpool-sqlite-{Guid.NewGuid():N}");
        Database = SqliteDatabase.Open(Path);
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        Database.Dispose();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
