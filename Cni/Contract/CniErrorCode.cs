namespace Spiderpool.Cni.Contract;

/// <summary>
/// The <c>code</c> of a CNI error result. 1-99 are the CNI specification's well-known codes; 100 and up are ours
/// (the specification leaves them to the plugin). NodeHost puts one of these into <see cref="AgentError.Code"/> so the
/// plugin can hand the runtime the exact reason; a bare JSON string error gets the verb's default code instead.
/// </summary>
public enum CniErrorCode
{
    /// <summary>CNI 1: the config's <c>cniVersion</c> is not supported, or too old for the verb (CHECK needs 0.4.0, STATUS and GC 1.1.0).</summary>
    IncompatibleCniVersion = 1,

    /// <summary>CNI 2: a field of the network config is not supported.</summary>
    UnsupportedField = 2,

    /// <summary>CNI 3: the container is unknown; the runtime need not clean up.</summary>
    UnknownContainer = 3,

    /// <summary>CNI 4: a required environment variable (CNI_COMMAND, CNI_CONTAINERID, CNI_ARGS, ...) is missing or invalid.</summary>
    InvalidEnvironmentVariables = 4,

    /// <summary>CNI 5: reading stdin failed.</summary>
    IoFailure = 5,

    /// <summary>CNI 6: stdin is not a JSON object.</summary>
    DecodingFailure = 6,

    /// <summary>CNI 7: a field of the network config is invalid; the message names it and its value.</summary>
    InvalidNetworkConfig = 7,

    /// <summary>CNI 11: transient; NodeHost is not running, not ready or did not answer in time. The runtime retries.</summary>
    TryAgainLater = 11,

    /// <summary>CNI 50 (STATUS): the plugin cannot serve ADD, because NodeHost is unreachable or unhealthy.</summary>
    PluginNotAvailable = 50,

    /// <summary>CNI 51 (STATUS): not available, and existing containers may have limited connectivity.</summary>
    PluginNotAvailableLimitedConnectivity = 51,

    /// <summary>ADD: no address could be allocated (no pool matched, pools exhausted, allocation refused), or the
    /// answer held no address for CNI_IFNAME. Default for a bare-string error from <c>POST /v1/ipam/ip</c>.</summary>
    AllocationFailed = 100,

    /// <summary>ADD: the allocated address is already in use on the network (IP conflict detection).</summary>
    IpConflict = 101,

    /// <summary>ADD: the subnet's gateway did not answer (gateway detection).</summary>
    GatewayUnreachable = 102,

    /// <summary>NodeHost refused the request as invalid or inconsistent (e.g. the pod does not exist, pool names unknown).</summary>
    InvalidRequest = 103,

    /// <summary>DEL or GC: NodeHost could not release. Default for a bare-string error from <c>DELETE /v1/ipam/ip</c> and <c>POST /v1/ipam/gc</c>.</summary>
    ReleaseFailed = 104,

    /// <summary><c>DELETE /v1/ipam/ips</c> answered 521 or 522: releasing this workload's addresses is forbidden.</summary>
    ReleaseForbidden = 105,

    /// <summary>CHECK: NodeHost has no allocation for this pod or interface (<c>GET /v1/workloadendpoint</c> answered 404).</summary>
    NotAllocated = 106,

    /// <summary>CHECK: the addresses in <c>prevResult</c> for CNI_IFNAME differ from what NodeHost recorded.</summary>
    CheckMismatch = 107,

    /// <summary>NodeHost answered 200 with a body that does not follow this contract.</summary>
    InvalidDaemonResponse = 108,

    /// <summary>NodeHost answered an HTTP status this contract does not define for the request (e.g. an older NodeHost
    /// without the path), or a bare-string error where no verb default applies (CHECK).</summary>
    DaemonError = 109,

    /// <summary>The plugin may not connect to NodeHost's socket (EACCES: no write permission on the socket file, or no
    /// search permission on a directory above it). Not transient, so not 11: run the plugin as root, as the container
    /// runtime does. STATUS answers 50 with the same message instead, as it may only fail with 50 or 51.</summary>
    PermissionDenied = 110,

    /// <summary>An unexpected failure inside the plugin (a bug); the message names the exception.</summary>
    Internal = 999,
}
