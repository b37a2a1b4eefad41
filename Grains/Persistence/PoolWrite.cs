namespace Spiderpool.Grains.Persistence;

/// <summary>
/// One atomic change to a pool. <see cref="HeadJson"/> null keeps the stored head. <see cref="Upserts"/> insert or
/// replace rows by address; <see cref="Removals"/> delete rows by address (absent rows are ignored). An address is
/// never in both lists of the same write.
/// </summary>
public sealed record PoolWrite(string? HeadJson, IReadOnlyList<HeldAddress> Upserts, IReadOnlyList<Interfaces.Addressing.IpAddr> Removals)
{
    public bool IsEmpty => HeadJson is null && Upserts.Count == 0 && Removals.Count == 0;
}
