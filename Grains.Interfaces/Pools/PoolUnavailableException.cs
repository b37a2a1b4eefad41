namespace Spiderpool.Grains.Interfaces.Pools;

/// <summary>
/// The pool's activation could not make a change durable (storage error, or another activation wrote first) and is
/// being replaced. The outcome of the failed call is unknown: repeat it (allocation and release are idempotent).
/// </summary>
[GenerateSerializer, Alias("spiderpool.PoolUnavailableException")]
public sealed class PoolUnavailableException : Exception
{
    public PoolUnavailableException()
    {
    }

    public PoolUnavailableException(string message) : base(message)
    {
    }

    public PoolUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
