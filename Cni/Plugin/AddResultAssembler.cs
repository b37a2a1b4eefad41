using System.Net;
using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// Turns NodeHost's answer to <c>POST /v1/ipam/ip</c> into the CNI result for one interface: only the
/// <c>ips</c> whose <c>nic</c> and the <c>routes</c> whose <c>ifName</c> is CNI_IFNAME, since NodeHost may answer
/// for every interface of the pod. Anything malformed is code 108 rather than a crash or a half-right result.
/// </summary>
internal static class AddResultAssembler
{
    /// <exception cref="CniException">108 for a body that breaks the contract; 100 when it has no address for the interface.</exception>
    public static CniResult Assemble(byte[] body, string ifName)
    {
        ArgumentNullException.ThrowIfNull(body);
        IpamAddResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, CniContractJsonContext.Default.IpamAddResponse);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw Invalid($"it is not an IpamAddResponse: {e.Message}");
        }

        if (response is null)
            throw Invalid("it is JSON null");

        var ips = new List<CniIpConfig>();
        var otherInterfaces = new List<string>();
        for (var i = 0; i < response.Ips.Count; i++)
        {
            var ip = response.Ips[i] ?? throw Invalid($"ips[{i}] is null");
            if (!string.Equals(ip.Nic, ifName, StringComparison.Ordinal))
            {
                if (!otherInterfaces.Contains(ip.Nic, StringComparer.Ordinal))
                    otherInterfaces.Add(ip.Nic);
                continue;
            }

            if (ip.Version is not (4 or 6))
                throw Invalid($"ips[{i}].version {ip.Version} is not 4 or 6");
            if (!IpText.TryParseCidr(ip.Address, out var address, out var prefix))
                throw Invalid($"ips[{i}].address '{ip.Address}' is not an address with a prefix length");
            if (IpText.Version(address) != ip.Version)
                throw Invalid($"ips[{i}].address '{ip.Address}' is not an IPv{ip.Version} address as ips[{i}].version says");

            IPAddress? gateway = null;
            if (!string.IsNullOrEmpty(ip.Gateway)
                && (!IpText.TryParseAddress(ip.Gateway, out gateway) || IpText.Version(gateway) != ip.Version))
            {
                throw Invalid($"ips[{i}].gateway '{ip.Gateway}' is not an IPv{ip.Version} address");
            }

            ips.Add(new CniIpConfig(address, prefix, gateway));
        }

        if (ips.Count == 0)
        {
            throw new CniException(CniErrorCode.AllocationFailed, $"no Interface {ifName} IP allocation found",
                otherInterfaces.Count == 0
                    ? "NodeHost answered without any address"
                    : $"NodeHost answered addresses for {string.Join(", ", otherInterfaces)} only");
        }

        var routes = new List<CniRoute>();
        var allRoutes = response.Routes ?? [];
        for (var i = 0; i < allRoutes.Count; i++)
        {
            var route = allRoutes[i] ?? throw Invalid($"routes[{i}] is null");
            if (!string.Equals(route.IfName, ifName, StringComparison.Ordinal))
                continue;

            if (!IpText.TryParseCidr(route.Dst, out var destination, out var prefix))
                throw Invalid($"routes[{i}].dst '{route.Dst}' is not a CIDR");

            IPAddress? gateway = null;

            // An empty gw means "via the interface's gateway"; CNI expresses that by leaving gw out.
            if (route.Gw.Length > 0
                && (!IpText.TryParseAddress(route.Gw, out gateway) || IpText.Version(gateway) != IpText.Version(destination)))
            {
                throw Invalid($"routes[{i}].gw '{route.Gw}' is not an address of the same family as dst '{route.Dst}'");
            }

            routes.Add(new CniRoute(IpText.Network(destination, prefix), prefix, gateway));
        }

        var dns = CniDns.Empty;
        if (response.Dns is { } answerDns)
        {
            dns = new CniDns
            {
                Nameservers = NonNull(answerDns.Nameservers, "dns.nameservers"),
                Domain = answerDns.Domain,
                Search = NonNull(answerDns.Search, "dns.search"),
                Options = NonNull(answerDns.Options, "dns.options"),
            };
        }

        return new CniResult(ips, routes, dns);
    }

    private static IReadOnlyList<string> NonNull(IReadOnlyList<string>? values, string field)
    {
        if (values is null)
            return [];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
                throw Invalid($"{field}[{i}] is null");
        }

        return values;
    }

    private static CniException Invalid(string why) => new(CniErrorCode.InvalidDaemonResponse,
        $"NodeHost's answer to POST {AgentApi.IpPath} breaks the plugin contract: {why}",
        "check that NodeHost and the spiderpool plugin are the same version");
}
