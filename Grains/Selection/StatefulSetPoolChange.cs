namespace Spiderpool.Grains.Selection;

/// <summary>
/// Result of StatefulSet pool-change detection (spec §3.10 step 1). When <see cref="NeedsReallocation"/>, release the
/// recorded addresses of <see cref="ChangedInterfaces"/> and allocate in standard mode; <see cref="ReleaseAll"/> means
/// every recorded NIC is affected (delete the whole record), otherwise keep the unchanged NICs.
/// </summary>
public sealed record StatefulSetPoolChange(bool NeedsReallocation, bool ReleaseAll, IReadOnlyList<string> ChangedInterfaces, string Reason)
{
    public static StatefulSetPoolChange None { get; } = new(false, false, [], "");
}
