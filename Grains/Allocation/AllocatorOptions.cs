namespace Spiderpool.Grains.Allocation;

/// <summary>Settings of allocation (configuration section <c>Spiderpool:Allocation</c>).</summary>
public sealed class AllocatorOptions
{
    public const string Section = "Spiderpool:Allocation";

    /// <summary>
    /// How long an allocation may take from start to being recorded. A workload refuses to record later, which is
    /// what makes the consistency sweep safe; it must be shorter than <see cref="SweepGrace"/>.
    /// </summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a pool call with an unknown outcome is repeated (it is idempotent) before giving up.</summary>
    public int PoolRetries { get; set; } = 2;

    /// <summary>Held addresses younger than this are never swept (clock skew between silos is covered by the margin).</summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every pool is swept for addresses no workload references; zero turns the sweep off.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
