namespace Spiderpool.Silo.Sqlite;

/// <summary>
/// Where operators set the embedded silo's data directory, named in one place so every message points at the same
/// setting and the same way out.
/// </summary>
internal static class SqliteSettings
{
    public const string DataDirectoryKey = "Spiderpool:DataDirectory";

    public const string DefaultDataDirectory = "/var/lib/spiderpool";

    public const string VolatileHint = "Spiderpool:Storage=Volatile (memory only; NodeHost --volatile)";

    public static string NotWritable(string directory, string reason) =>
        $"{DataDirectoryKey} '{directory}' is not writable: {reason}; set {DataDirectoryKey} to a directory this process may write, or use {VolatileHint}";

    public static string InUse(string directory)
    {
        var lockFile = Path.Combine(directory, SqliteDatabase.LockFileName);
        return $"{DataDirectoryKey} '{directory}' is in use by another process ({lockFile} is locked); two silos must not share one database: " +
            $"stop the other Spiderpool process (its pid is in {lockFile}), or set {DataDirectoryKey} to a directory of its own, or use {VolatileHint}";
    }

    /// <summary>
    /// Whether opening the lock file failed because another open file holds its flock: .NET reports EWOULDBLOCK (11 on
    /// Linux) as an IOException whose HResult is the errno.
    /// </summary>
    public static bool IsLocked(IOException exception) => exception.HResult == 11;

    /// <summary>
    /// Creates the directory if it is missing and proves it writable by creating and deleting a file in it. Returns
    /// the problem in words that name the setting, or null; <paramref name="fullPath"/> is the absolute path.
    /// </summary>
    public static string? FindProblem(string? dataDirectory, out string fullPath)
    {
        fullPath = "";
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            return $"{DataDirectoryKey} is empty but Spiderpool:Storage is Embedded; set it to the directory that keeps the pools and workload records (default {DefaultDataDirectory}), or use {VolatileHint}";
        }

        try
        {
            fullPath = Path.GetFullPath(dataDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{DataDirectoryKey} '{dataDirectory}' is not a usable path ({e.Message}); set it to a directory";
        }

        if (File.Exists(fullPath))
        {
            return $"{DataDirectoryKey} '{fullPath}' is a file, not a directory; set {DataDirectoryKey} to a directory";
        }

        try
        {
            System.IO.Directory.CreateDirectory(fullPath);
            var probe = Path.Combine(fullPath, $".write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return NotWritable(fullPath, e.Message);
        }

        // Said here, before the silo starts, so the operator reads one line instead of a failed start. Only a hint:
        // the lock SqliteDatabase takes and keeps while the silo runs is what keeps a second process out.
        var lockPath = Path.Combine(fullPath, SqliteDatabase.LockFileName);
        if (File.Exists(lockPath))
        {
            try
            {
                using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            catch (IOException e) when (IsLocked(e))
            {
                return InUse(fullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return NotWritable(fullPath, $"{lockPath}: {e.Message}");
            }
        }

        return null;
    }

    /// <summary>As <see cref="FindProblem"/>, throwing <see cref="OrleansConfigurationException"/> for a problem.</summary>
    public static string CheckDirectory(string? dataDirectory) =>
        FindProblem(dataDirectory, out var fullPath) is { } problem ? throw new OrleansConfigurationException(problem) : fullPath;
}
