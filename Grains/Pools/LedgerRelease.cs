namespace Spiderpool.Grains.Pools;

/// <summary>What <see cref="PoolLedger.Release"/> did with one address.</summary>
internal enum LedgerRelease
{
    Released,
    NotHeld,
    HeldByOther,
}
