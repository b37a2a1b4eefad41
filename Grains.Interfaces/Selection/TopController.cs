namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// The workload a pod belongs to, resolved through its owner chain (spec §3.2.1): a Deployment rather than its
/// ReplicaSet, a CronJob rather than its Job, the owner as-is for any other kind, and the pod itself (<c>v1 Pod</c>)
/// for an orphan. It lives in the pod's namespace. Auto-created pools and fixed-IP rules match on it.
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.TopController")]
public sealed record TopController
{
    [Id(0)] public string ApiVersion { get; init; } = "";
    [Id(1)] public string Kind { get; init; } = "";
    [Id(2)] public string Name { get; init; } = "";
    [Id(3)] public string Uid { get; init; } = "";

    /// <summary>API group: <c>apps</c> for <c>apps/v1</c>, empty for the core group (<c>v1</c>).</summary>
    public string Group
    {
        get
        {
            var slash = ApiVersion.LastIndexOf('/');
            return slash >= 0 ? ApiVersion[..slash] : "";
        }
    }

    /// <summary>API version without the group: <c>v1</c> for <c>apps/v1</c>.</summary>
    public string Version => ApiVersion[(ApiVersion.LastIndexOf('/') + 1)..];

    /// <summary>True for a pod without a controller (the resolution gives the pod itself).</summary>
    public bool IsOrphanPod => ApiVersion == "v1" && Kind == "Pod";

    public override string ToString() => $"{ApiVersion} {Kind} {Name}";
}
