namespace Spiderpool.Grains.Interfaces.Allocation;

[Alias("spiderpool.AllocationOutcome")]
public enum AllocationOutcome
{
    /// <summary>Every requested (interface, family) has an address, recorded durably.</summary>
    Allocated = 0,
    /// <summary>Some (interface, family) found no address in any candidate; nothing is held.</summary>
    NoAddress = 1,
    /// <summary>The request itself is malformed; nothing was touched.</summary>
    InvalidRequest = 2,
    /// <summary>
    /// A step failed with an unknown outcome (storage or silo trouble). Retry the same request: it is idempotent.
    /// Anything left held is found by the consistency sweep.
    /// </summary>
    RetryLater = 3,
}
