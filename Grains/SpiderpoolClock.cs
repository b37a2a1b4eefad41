namespace Spiderpool.Grains;

/// <summary>
/// The clock the grains read, registered as a keyed <see cref="TimeProvider"/>, so tests can move it forward without
/// moving the clock Orleans itself runs on (membership, timeouts).
/// </summary>
public static class SpiderpoolClock
{
    public const string Key = "spiderpool";
}
