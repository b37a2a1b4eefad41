namespace Spiderpool.Grains.Interfaces.Workloads;

/// <summary>A route to install on an interface of the pod (<c>0.0.0.0/0</c> for the default route).</summary>
[GenerateSerializer, Immutable, Alias("spiderpool.NicRoute")]
public sealed record NicRoute([property: Id(0)] string Dst, [property: Id(1)] string Gw);
