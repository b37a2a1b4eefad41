using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>The keys of CNI_ARGS (<c>K=V;K=V</c>) this plugin understands; all optional.</summary>
internal sealed record CniArgs
{
    public static CniArgs Empty { get; } = new();

    public string? PodNamespace { get; init; }

    public string? PodName { get; init; }

    public string? PodUid { get; init; }

    public string? InfraContainerId { get; init; }

    /// <summary><c>IP=</c> (podman's <c>--ip</c>; comma-separated, as the CNI <c>static</c> plugin reads it): static addresses.</summary>
    public IReadOnlyList<string> Ips { get; init; } = [];

    /// <summary>A Kubernetes pod (kubelet sends both); otherwise NodeHost keys the allocation by container and interface.</summary>
    public bool HasPodIdentity => !string.IsNullOrEmpty(PodNamespace) && !string.IsNullOrEmpty(PodName);

    /// <summary>Parses CNI_ARGS. Like libcni, a key this plugin does not know is an error unless <c>IgnoreUnknown</c> is true.</summary>
    /// <exception cref="CniException">Code 4, naming CNI_ARGS and the offending pair.</exception>
    public static CniArgs Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return Empty;

        var pairs = new List<(string Key, string Value)>();
        foreach (var pair in text.Split(';'))
        {
            // Tolerate empty segments ("A=1;;B=2", a trailing ';'): they carry nothing and runtimes do produce them.
            if (pair.Length == 0)
                continue;

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw Invalid($"CNI_ARGS '{pair}' is not a KEY=VALUE pair (pairs are separated by ';')");

            pairs.Add((pair[..eq], pair[(eq + 1)..]));
        }

        var ignoreUnknown = false;
        foreach (var (key, value) in pairs)
        {
            if (key == "IgnoreUnknown")
                ignoreUnknown = ParseBool(value);
        }

        var args = Empty;
        foreach (var (key, value) in pairs)
        {
            // Later pairs win, as in libcni.
            args = key switch
            {
                "K8S_POD_NAMESPACE" => args with { PodNamespace = value },
                "K8S_POD_NAME" => args with { PodName = value },
                "K8S_POD_UID" => args with { PodUid = value },
                "K8S_POD_INFRA_CONTAINER_ID" => args with { InfraContainerId = value },
                "IP" => args with { Ips = ParseIps(value) },
                "IgnoreUnknown" => args,
                _ when ignoreUnknown => args,
                _ => throw Invalid($"CNI_ARGS has key '{key}', which this plugin does not know; add IgnoreUnknown=1 to CNI_ARGS to let it skip unknown keys"),
            };
        }

        return args;
    }

    private static List<string> ParseIps(string value)
    {
        var ips = new List<string>();
        foreach (var item in value.Split(','))
        {
            var text = item.Trim();
            if (!IpText.TryParseAddress(text, out _) && !IpText.TryParseCidr(text, out _, out _))
                throw Invalid($"CNI_ARGS IP '{text}' is not an IP address (IP=10.6.0.20 or IP=10.6.0.20,fd00:6::20)");
            ips.Add(text);
        }

        return ips;
    }

    private static bool ParseBool(string value) => value.ToUpperInvariant() switch
    {
        "1" or "TRUE" => true,
        "0" or "FALSE" => false,
        _ => throw Invalid($"CNI_ARGS IgnoreUnknown '{value}' must be 1, 0, true or false"),
    };

    private static CniException Invalid(string message) => new(CniErrorCode.InvalidEnvironmentVariables, message);
}
