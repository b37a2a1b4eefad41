using System.Globalization;
using Orleans.Storage;

namespace Spiderpool.Grains.Persistence;

/// <summary>
/// The ETag of our grain storage providers (PostgreSQL, SQLite): the row's version number as text. One place for its
/// format and for the errors a stale or foreign ETag gets, so every provider answers the same way.
/// </summary>
public static class VersionEtag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag stands for; null for no ETag (nothing was read).</summary>
    /// <exception cref="InconsistentStateException">The ETag is not a version number this provider issued.</exception>
    public static long? Parse(string provider, string? etag, string stateName, GrainId grainId)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"grain storage '{provider}': ETag '{etag}' of {stateName} for {grainId} was not issued by this provider (expected a version number); re-read the state",
                string.Empty,
                etag);
    }

    /// <summary>The error for a write or clear whose ETag no longer matches the stored one.</summary>
    public static InconsistentStateException Conflict(string provider, string operation, string stateName, GrainId grainId, string? presented, string? stored) =>
        new(
            $"grain storage '{provider}': {operation} of {stateName} for {grainId} presented ETag '{presented ?? "none"}' but the stored ETag is '{stored ?? "none"}'; another activation changed it, re-read the state",
            stored ?? string.Empty,
            presented ?? string.Empty);
}
