using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Where the <c>ipam.spidernet.io/routes</c> routes go: per interface, in annotation order, and the routes whose gateway
/// is in no allocated subnet (upstream drops them with a warning, spec §2.1).
/// </summary>
public sealed record RouteAttachment(IReadOnlyDictionary<string, IReadOnlyList<NicRoute>> ByInterface, IReadOnlyList<CustomRoute> Unmatched)
{
    public IReadOnlyList<NicRoute> For(string ifName) => ByInterface.TryGetValue(ifName, out var routes) ? routes : [];
}
