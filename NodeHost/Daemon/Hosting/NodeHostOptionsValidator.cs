using System.Net;

namespace Spiderpool.NodeHost.Hosting;

/// <summary>Checks the daemon's settings before it starts; each message names the setting to fix.</summary>
public static class NodeHostOptionsValidator
{
    public static IReadOnlyList<string> Validate(NodeHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SocketPath) || !Path.IsPathRooted(options.SocketPath))
        {
            errors.Add($"NodeHost:SocketPath must be an absolute path, not '{options.SocketPath}'");
        }

        if (string.IsNullOrWhiteSpace(options.NodeName))
        {
            errors.Add("NodeHost:NodeName is empty; set it to the Kubernetes node name (NodeHost__NodeName)");
        }

        if (string.IsNullOrWhiteSpace(options.DelJournalDirectory) || !Path.IsPathRooted(options.DelJournalDirectory))
        {
            errors.Add($"NodeHost:DelJournalDirectory must be an absolute path, not '{options.DelJournalDirectory}'");
        }

        if (options.DelJournalRescanInterval <= TimeSpan.Zero)
        {
            errors.Add($"NodeHost:DelJournalRescanInterval must be positive, not {options.DelJournalRescanInterval}");
        }

        if (string.IsNullOrWhiteSpace(options.StandaloneNamespace) || options.StandaloneNamespace.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"NodeHost:StandaloneNamespace must be a non-empty name without '/', not '{options.StandaloneNamespace}'");
        }

        if (!options.Embedded && options.Gateways.Count == 0 && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            errors.Add("NodeHost needs a way to reach the silos: set NodeHost:Gateways (host:port, e.g. NodeHost__Gateways__0=10.0.0.5:30000), or NodeHost:PostgresConnectionString, or NodeHost:Embedded=true");
        }

        foreach (var gateway in options.Gateways)
        {
            if (!TryParseGateway(gateway, out _))
            {
                errors.Add($"NodeHost:Gateways entry '{gateway}' is not host:port");
            }
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            errors.Add($"NodeHost:HeartbeatInterval must be positive, not {options.HeartbeatInterval}");
        }

        if (options.CallTimeout <= TimeSpan.Zero || options.CallTimeout > TimeSpan.FromSeconds(100))
        {
            errors.Add($"NodeHost:CallTimeout must be between 0 and 100 s (the plugin gives up at 100 s), not {options.CallTimeout}");
        }

        return errors;
    }

    public static bool TryParseGateway(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                var resolved = Dns.GetHostAddresses(host);
                if (resolved.Length == 0)
                {
                    return false;
                }

                address = resolved[0];
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
