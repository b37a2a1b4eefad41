namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>
/// The pod side of allocations (SpiderEndpoint). Key: <c>namespace/pod</c> (the VMI name instead of the pod name
/// for KubeVirt). It is the authority on which pool addresses a pod references.
/// </summary>
[Alias("spiderpool.IWorkloadGrain")]
public interface IWorkloadGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<WorkloadRecord?> GetAsync();

    /// <summary>
    /// Records interfaces (replacing same-named ones) durably. A commit with another pod uid replaces the whole
    /// record (a re-created pod with the same name) and returns the old one as superseded.
    /// </summary>
    [Alias("Record")]
    Task<WorkloadCommitResult> RecordAsync(WorkloadCommit commit);

    /// <summary>
    /// Points recorded interfaces at a new container id (a repeated ADD from a new sandbox of the same pod), so a
    /// late DEL of the old sandbox does not release them.
    /// </summary>
    [Alias("Adopt")]
    Task AdoptAsync(string podUid, string containerId, IReadOnlyList<string> ifNames);

    /// <summary>
    /// Moves the record to a re-created pod of the same identity (StatefulSet or KubeVirt): new uid, node and container
    /// id on every interface. Returns the updated record, or null when there is none.
    /// </summary>
    [Alias("Repoint")]
    Task<WorkloadRecord?> RepointAsync(string podUid, string node, string containerId);

    /// <summary>
    /// If interface <paramref name="ifName"/> (null: any) is recorded for <paramref name="containerId"/>, removes every
    /// interface recorded for that container (spec §3.15 step 10) and returns them; else removes nothing. Interfaces
    /// a newer sandbox of the pod took over stay. Idempotent.
    /// </summary>
    [Alias("Release")]
    Task<WorkloadReleaseResult> ReleaseAsync(string containerId, string? ifName);

    /// <summary>
    /// Removes the interfaces <paramref name="ifNames"/> of the record of <paramref name="podUid"/>, whatever their
    /// container (a StatefulSet pod whose pools changed for them gives their addresses back). Idempotent.
    /// </summary>
    [Alias("Forget")]
    Task ForgetAsync(string podUid, IReadOnlyList<string> ifNames);

    /// <summary>
    /// Gives interface name <paramref name="ifName"/> to an unclaimed positional item of the record of
    /// <paramref name="podUid"/> (spec §3.8, form 3): item <paramref name="preferredPosition"/> if it is unclaimed,
    /// else the first unclaimed one. Nothing changes when the name is already recorded or no item is left. Returns
    /// the record.
    /// </summary>
    [Alias("Claim")]
    Task<WorkloadRecord?> ClaimAsync(string podUid, string ifName, int? preferredPosition);

    /// <summary>Which of <paramref name="references"/> this record holds (same pool, address and pod uid).</summary>
    [Alias("Verify")]
    Task<IReadOnlyList<bool>> VerifyAsync(IReadOnlyList<HeldReference> references);
}
