namespace Spiderpool.Grains.Interfaces.Pools;

[Alias("spiderpool.PoolAllocateOutcome")]
public enum PoolAllocateOutcome
{
    /// <summary>An address is held for the caller (new, or the one it already held).</summary>
    Allocated = 0,
    /// <summary>Every address of the pool is used, excluded or reserved.</summary>
    Exhausted = 1,
    /// <summary><c>spec.disable</c> is true: no new allocations; releases still work.</summary>
    Disabled = 2,
    /// <summary>No spec was ever given for this pool name.</summary>
    NotFound = 3,
    /// <summary>The pool is being deleted.</summary>
    Terminating = 4,
}
