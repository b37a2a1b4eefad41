namespace Spiderpool.Grains.Interfaces.Storage;

/// <summary>
/// A grain could not read or write its durable state (database down, restarting, timed out, or another activation
/// wrote first). It carries the cause as text because the driver's own exception types (Npgsql's, Azure's) have no
/// Orleans codec: thrown across a grain boundary they arrive as "could not find a codec". The outcome of the failed
/// call is unknown; every allocation and release is idempotent, so the caller repeats it.
/// </summary>
[GenerateSerializer, Alias("spiderpool.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>
    /// Wraps <paramref name="cause"/> with what was being done, keeping the cause's type name and message (and those of
    /// its inner exceptions) in the text; the cause object itself is not kept, since it may not cross the wire.
    /// </summary>
    public static StorageUnavailableException From(string what, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return cause is StorageUnavailableException already
            ? new StorageUnavailableException($"{what}: {already.Message}")
            : new StorageUnavailableException($"{what}: {Describe(cause)}");
    }

    private static string Describe(Exception cause)
    {
        var parts = new List<string>();
        for (var e = cause; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" ← ", parts);
    }
}
