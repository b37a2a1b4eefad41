namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>
/// <see cref="Recorded"/> false means nothing was written (deadline passed, see <see cref="Error"/>).
/// <see cref="Superseded"/> holds the record of an earlier pod with the same name and another uid that this commit
/// replaced; its addresses are no longer referenced and should be released under that uid.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.WorkloadCommitResult")]
public sealed record WorkloadCommitResult(
    [property: Id(0)] bool Recorded,
    [property: Id(1)] string? Error,
    [property: Id(2)] WorkloadRecord? Superseded);
