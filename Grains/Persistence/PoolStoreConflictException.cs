namespace Spiderpool.Grains.Persistence;

/// <summary>The stored version of a pool is not the one the writer expected: another activation wrote it.</summary>
public sealed class PoolStoreConflictException : Exception
{
    public PoolStoreConflictException()
    {
    }

    public PoolStoreConflictException(string message) : base(message)
    {
    }

    public PoolStoreConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PoolStoreConflictException(string pool, long expectedVersion, long? actualVersion)
        : base($"pool '{pool}' was written by another activation: expected version {expectedVersion}, found {(actualVersion is null ? "none" : actualVersion.ToString())}")
    {
    }
}
