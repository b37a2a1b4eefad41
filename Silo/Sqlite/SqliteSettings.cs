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

        return null;
    }

    /// <summary>As <see cref="FindProblem"/>, throwing <see cref="OrleansConfigurationException"/> for a problem.</summary>
    public static string CheckDirectory(string? dataDirectory) =>
        FindProblem(dataDirectory, out var fullPath) is { } problem ? throw new OrleansConfigurationException(problem) : fullPath;
}
