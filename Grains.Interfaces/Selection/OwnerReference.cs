namespace Spiderpool.Grains.Interfaces.Selection;

/// <summary>
/// A controller ownerReference of a Kubernetes object (<c>metadata.ownerReferences[]</c> with <c>controller: true</c>).
/// <see cref="ApiVersion"/> is the full <c>group/version</c> (<c>apps/v1</c>) or a bare version for the core group (<c>v1</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("spiderpool.OwnerReference")]
public sealed record OwnerReference
{
    [Id(0)] public string ApiVersion { get; init; } = "";
    [Id(1)] public string Kind { get; init; } = "";
    [Id(2)] public string Name { get; init; } = "";
    [Id(3)] public string Uid { get; init; } = "";
}
