using System.Text;
using System.Text.Json;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// Reads the network config from stdin with <see cref="JsonDocument"/> and checks each field by hand, so every
/// mistake is reported with its JSON path and value (code 7), bad JSON as code 6 and an unsupported or too old
/// <c>cniVersion</c> as code 1. Unknown fields and <c>args</c> are ignored; of <c>runtimeConfig</c> only <c>ips</c> (the
/// <c>ips</c> capability: static addresses) is read.
/// </summary>
internal static class NetworkConfigParser
{
    public const string ValidAttachmentsKey = "cni.dev/valid-attachments";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <exception cref="CniException">Code 1, 6 or 7 with a message naming the field.</exception>
    public static NetworkConfig Parse(ReadOnlyMemory<byte> json, CniCommand command)
    {
        if (IsBlank(json.Span))
            throw new CniException(CniErrorCode.DecodingFailure, "stdin is empty: the runtime must pass the network config as JSON on stdin");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"the network config on stdin is not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, command);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement.GetString throws this for strings that are not valid UTF-8.
                throw new CniException(CniErrorCode.DecodingFailure, $"the network config on stdin is not valid UTF-8 JSON: {e.Message}");
            }
        }
    }

    /// <summary>The config's <c>cniVersion</c> if it is one this plugin supports, so error results can echo it; never throws.</summary>
    public static string? PeekVersion(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("cniVersion", out var version)
                && version.ValueKind == JsonValueKind.String
                && version.GetString() is { } text
                && CniVersions.IsSupported(text)
                ? text
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static NetworkConfig Read(JsonElement root, CniCommand command)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new CniException(CniErrorCode.DecodingFailure, $"the network config on stdin must be a JSON object, not {Kind(root)}");

        var version = ReadVersion(root, command);

        var name = OptionalString(root, "name", "name");
        if (string.IsNullOrEmpty(name))
            throw Invalid("name is missing: the network config must have a name");
        if (!CniEnvironment.IsValidIdentifier(name))
            throw Invalid($"name '{name}' is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");

        var ipam = new IpamConfig();
        if (Get(root, "ipam") is { } ipamElement)
        {
            if (ipamElement.ValueKind != JsonValueKind.Object)
                throw Invalid($"ipam must be an object, not {Show(ipamElement)}");
            ipam = ReadIpam(ipamElement);
        }

        PrevResult? prevResult = null;
        if (Get(root, "prevResult") is { } prev)
        {
            if (command == CniCommand.Del)
            {
                // DEL is best effort and does not use prevResult: a malformed one must not make it fail forever.
                try
                {
                    prevResult = ReadPrevResult(prev);
                }
                catch (CniException)
                {
                    prevResult = null;
                }
            }
            else
            {
                prevResult = ReadPrevResult(prev);
            }
        }

        if (command == CniCommand.Check && prevResult is null)
            throw Invalid("prevResult is missing: CHECK needs the result of the preceding ADD in prevResult");

        return new NetworkConfig
        {
            CniVersion = version,
            Name = name,
            Type = OptionalString(root, "type", "type"),
            Ipam = ipam,
            PrevResult = prevResult,
            ValidAttachments = command == CniCommand.Gc ? ReadValidAttachments(root) : null,
            RuntimeIps = command == CniCommand.Add ? ReadRuntimeIps(root) : [],
        };
    }

    /// <summary><c>runtimeConfig.ips</c>: addresses (optionally with a prefix) the runtime asks for, as text.</summary>
    private static List<string> ReadRuntimeIps(JsonElement root)
    {
        var ips = new List<string>();
        if (Get(root, "runtimeConfig") is not { ValueKind: JsonValueKind.Object } runtime || Get(runtime, "ips") is not { } array)
            return ips;
        if (array.ValueKind != JsonValueKind.Array)
            throw Invalid($"runtimeConfig.ips must be an array of IP addresses, not {Show(array)}");

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!IpText.TryParseAddress(text, out _) && !IpText.TryParseCidr(text, out _, out _))
                throw Invalid($"runtimeConfig.ips[{index}] must be an IP address such as \"10.6.0.20\" or \"10.6.0.20/24\", not {Show(item)}");
            ips.Add(text!);
            index++;
        }

        return ips;
    }

    private static string ReadVersion(JsonElement root, CniCommand command)
    {
        var supported = string.Join(", ", CniVersions.Supported);
        if (Get(root, "cniVersion") is not { } element)
            throw new CniException(CniErrorCode.IncompatibleCniVersion, $"cniVersion is missing; this plugin supports {supported}");
        if (element.ValueKind != JsonValueKind.String)
            throw Invalid($"cniVersion must be a string, not {Show(element)}");

        var version = element.GetString()!;
        if (!CniVersions.IsSupported(version))
            throw new CniException(CniErrorCode.IncompatibleCniVersion, $"cniVersion '{version}' is not supported; this plugin supports {supported}");

        if (CniVersions.MinimumFor(command) is { } minimum && !CniVersions.IsAtLeast(version, minimum))
        {
            var verb = command.ToString().ToUpperInvariant();
            throw new CniException(CniErrorCode.IncompatibleCniVersion,
                $"cniVersion '{version}' does not allow {verb}; {verb} needs cniVersion {minimum} or later");
        }

        return version;
    }

    private static IpamConfig ReadIpam(JsonElement ipam)
    {
        var config = new IpamConfig { Type = OptionalString(ipam, "type", "ipam.type") };

        if (OptionalString(ipam, "log_level", "ipam.log_level") is { Length: > 0 } level)
        {
            config = config with
            {
                LogLevel = level.ToUpperInvariant() switch
                {
                    "DEBUG" => PluginLogLevel.Debug,
                    "INFO" => PluginLogLevel.Info,
                    "WARN" => PluginLogLevel.Warn,
                    "ERROR" => PluginLogLevel.Error,
                    _ => throw Invalid($"ipam.log_level '{level}' is not one of DEBUG, INFO, WARN, ERROR"),
                },
            };
        }

        if (OptionalString(ipam, "log_file_path", "ipam.log_file_path") is { Length: > 0 } logPath)
            config = config with { LogFilePath = AbsolutePath(logPath, "ipam.log_file_path") };

        if (OptionalCount(ipam, "log_file_max_size", "ipam.log_file_max_size", "megabytes") is int size && size > 0)
            config = config with { LogFileMaxSizeMb = size };

        if (OptionalCount(ipam, "log_file_max_count", "ipam.log_file_max_count", "files") is int count && count > 0)
            config = config with { LogFileMaxCount = count };

        config = config with
        {
            DefaultIPv4Pools = PoolNames(ipam, "default_ipv4_ippool"),
            DefaultIPv6Pools = PoolNames(ipam, "default_ipv6_ippool"),
            CleanGateway = OptionalBool(ipam, "clean_gateway") ?? false,
            MatchMasterSubnet = OptionalBool(ipam, "match_master_subnet") ?? false,
            EnableIPConflictDetection = OptionalBool(ipam, "enable_ip_conflict_detection"),
            EnableGatewayDetection = OptionalBool(ipam, "enable_gateway_detection"),
            SendGratuitousArp = OptionalBool(ipam, "send_gratuitous_arp"),
        };

        if (OptionalString(ipam, "ipam_unix_socket_path", "ipam.ipam_unix_socket_path") is { Length: > 0 } socket)
        {
            AbsolutePath(socket, "ipam.ipam_unix_socket_path");

            // sun_path holds 108 bytes including the terminating NUL; a longer path cannot be connected to.
            if (Encoding.UTF8.GetByteCount(socket) > 107)
                throw Invalid($"ipam.ipam_unix_socket_path '{socket}' is longer than the 107 bytes a unix socket path may have");
            config = config with { SocketPath = socket };
        }

        if (OptionalString(ipam, "del_journal_dir", "ipam.del_journal_dir") is { Length: > 0 } journal)
            config = config with { DelJournalDirectory = AbsolutePath(journal, "ipam.del_journal_dir") };

        return config;
    }

    private static string AbsolutePath(string path, string field)
    {
        if (!path.StartsWith('/'))
            throw Invalid($"{field} '{path}' must be an absolute path");
        if (path.Contains('\0', StringComparison.Ordinal))
            throw Invalid($"{field} must not contain a NUL character");
        return path;
    }

    private static List<string> PoolNames(JsonElement ipam, string key)
    {
        var field = $"ipam.{key}";
        var names = new List<string>();
        if (Get(ipam, key) is not { } array)
            return names;
        if (array.ValueKind != JsonValueKind.Array)
            throw Invalid($"{field} must be an array of pool names, not {Show(array)}");

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw Invalid($"{field}[{index}] must be a string, not {Show(item)}");
            var name = item.GetString()!;
            if (name.Length == 0)
                throw Invalid($"{field}[{index}] is empty: pool names must not be empty");
            names.Add(name);
            index++;
        }

        return names;
    }

    private static PrevResult ReadPrevResult(JsonElement prev)
    {
        if (prev.ValueKind != JsonValueKind.Object)
            throw Invalid($"prevResult must be an object (a CNI result), not {Show(prev)}");

        var interfaces = new List<string>();
        if (Get(prev, "interfaces") is { } interfaceArray)
        {
            if (interfaceArray.ValueKind != JsonValueKind.Array)
                throw Invalid($"prevResult.interfaces must be an array, not {Show(interfaceArray)}");
            var index = 0;
            foreach (var item in interfaceArray.EnumerateArray())
            {
                var field = $"prevResult.interfaces[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                    throw Invalid($"{field} must be an object, not {Show(item)}");
                interfaces.Add(OptionalString(item, "name", $"{field}.name") ?? "");
            }
        }

        var ips = new List<PrevResultIp>();
        if (Get(prev, "ips") is { } ipArray)
        {
            if (ipArray.ValueKind != JsonValueKind.Array)
                throw Invalid($"prevResult.ips must be an array, not {Show(ipArray)}");
            var index = 0;
            foreach (var item in ipArray.EnumerateArray())
            {
                var field = $"prevResult.ips[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                    throw Invalid($"{field} must be an object, not {Show(item)}");

                var address = OptionalString(item, "address", $"{field}.address");
                if (!IpText.TryParseCidr(address, out var ip, out var prefix))
                    throw Invalid($"{field}.address {(address is null ? "is missing" : $"'{address}' is not an address with a prefix length")}; expected e.g. 10.6.0.10/16");

                if (OptionalString(item, "gateway", $"{field}.gateway") is { Length: > 0 } gateway && !IpText.TryParseAddress(gateway, out _))
                    throw Invalid($"{field}.gateway '{gateway}' is not an IP address");

                int? interfaceIndex = null;
                if (Get(item, "interface") is { } indexElement)
                {
                    if (indexElement.ValueKind != JsonValueKind.Number || !indexElement.TryGetInt32(out var i) || i < 0)
                        throw Invalid($"{field}.interface must be a non-negative integer, not {Show(indexElement)}");
                    if (i >= interfaces.Count)
                        throw Invalid($"{field}.interface {i} is out of range: prevResult.interfaces has {interfaces.Count} entries");
                    interfaceIndex = i;
                }

                ips.Add(new PrevResultIp(ip, prefix, interfaceIndex));
            }
        }

        return new PrevResult(interfaces, ips);
    }

    private static List<GcAttachment> ReadValidAttachments(JsonElement root)
    {
        // Required: without it NodeHost would have to treat every allocation of the network as stale.
        if (Get(root, ValidAttachmentsKey) is not { } array)
            throw Invalid($"{ValidAttachmentsKey} is missing: GC needs the list of attachments that are still valid");
        if (array.ValueKind != JsonValueKind.Array)
            throw Invalid($"{ValidAttachmentsKey} must be an array, not {Show(array)}");

        var attachments = new List<GcAttachment>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var field = $"{ValidAttachmentsKey}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw Invalid($"{field} must be an object with containerID and ifname, not {Show(item)}");
            var containerId = OptionalString(item, "containerID", $"{field}.containerID");
            if (string.IsNullOrEmpty(containerId))
                throw Invalid($"{field}.containerID is missing");
            var ifName = OptionalString(item, "ifname", $"{field}.ifname");
            if (string.IsNullOrEmpty(ifName))
                throw Invalid($"{field}.ifname is missing");
            attachments.Add(new GcAttachment { ContainerId = containerId, IfName = ifName });
        }

        return attachments;
    }

    /// <summary>The property, or null when it is absent or JSON null (Go leaves such fields at their default too).</summary>
    private static JsonElement? Get(JsonElement obj, string key) =>
        obj.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? OptionalString(JsonElement obj, string key, string field)
    {
        if (Get(obj, key) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Invalid($"{field} must be a string, not {Show(value)}");
        return value.GetString();
    }

    private static bool? OptionalBool(JsonElement ipam, string key)
    {
        if (Get(ipam, key) is not { } value)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"ipam.{key} must be true or false, not {Show(value)}"),
        };
    }

    private static int? OptionalCount(JsonElement obj, string key, string field, string unit)
    {
        if (Get(obj, key) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < 0)
            throw Invalid($"{field} must be a whole number of {unit} (0 for the default), not {Show(value)}");
        return number;
    }

    private static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        }

        return true;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    /// <summary>The value as written in the config, shortened so a huge value cannot flood the error.</summary>
    private static string Show(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length <= 64 ? raw : string.Concat(raw.AsSpan(0, 61), "...");
    }

    private static CniException Invalid(string message) => new(CniErrorCode.InvalidNetworkConfig, message);
}
