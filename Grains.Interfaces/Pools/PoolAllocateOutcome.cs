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
    /// <summary>A requested address (CNI_ARGS <c>IP=</c>, <c>runtimeConfig.ips</c>) is not in the pool's subnet.</summary>
    NotInPool = 5,
    /// <summary>A requested address is in the pool but cannot be given: held by another, reserved, excluded or quarantined.</summary>
    AddressUnavailable = 6,
}
