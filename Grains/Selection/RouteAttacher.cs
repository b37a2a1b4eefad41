using Spiderpool.Grains.Interfaces.Addressing;
using Spiderpool.Grains.Interfaces.Workloads;

namespace Spiderpool.Grains.Selection;

/// <summary>Spec §3.9: a custom route belongs to the NIC whose allocated address's subnet contains its gateway.</summary>
public static class RouteAttacher
{
    /// <summary>
    /// Attaches each route to the first NIC (in <paramref name="nics"/> order) with an address of the route's family
    /// whose subnet (address/prefix length) contains the gateway. Unmatched routes are returned, not attached.
    /// </summary>
    public static RouteAttachment Attach(IReadOnlyList<CustomRoute> routes, IReadOnlyList<WorkloadNic> nics)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(nics);
        var byInterface = new Dictionary<string, IReadOnlyList<NicRoute>>(StringComparer.Ordinal);
        var unmatched = new List<CustomRoute>();
        foreach (var route in routes)
        {
            var nic = nics.FirstOrDefault(n => n.Addresses().Any(a => a.Address.Family == route.Family && new IpCidr(a.Address, a.PrefixLength).Contains(route.Gw)));
            if (nic is null)
            {
                unmatched.Add(route);
                continue;
            }

            var list = byInterface.TryGetValue(nic.IfName, out var existing) ? existing.ToList() : [];
            list.Add(route.ToNicRoute());
            byInterface[nic.IfName] = list;
        }

        return new RouteAttachment(byInterface, unmatched);
    }
}
