using System.Text;
using System.Text.Json.Nodes;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// Every field of the CNI environment and of the network config the plugin reads, broken one at a time: code 4 for
/// the environment, 6 when stdin is not a JSON object, 1 for an unsupported or too old <c>cniVersion</c>, 7 for a
/// config field. Keyed by a sentence that names the case in the test's display name.
/// </summary>
public static class MalformedCases
{
    public static IReadOnlyDictionary<string, MalformedCase> All { get; } = Build();

    private static Dictionary<string, MalformedCase> Build()
    {
        var cases = new Dictionary<string, MalformedCase>(StringComparer.Ordinal);

        void Env(string name, string command, string names, Action<Dictionary<string, string?>> change) =>
            cases.Add(name, new MalformedCase(command, 4, names, Environment: change));
        void Field(string name, string command, int code, string names, Action<JsonObject> change) =>
            cases.Add(name, new MalformedCase(command, code, names, Config: change));
        void Ipam(string name, string key, JsonNode? value, string command = "ADD") =>
            Field(name, command, 7, $"ipam.{key}", c => c["ipam"]![key] = value);
        void Raw(string name, string command, string names, byte[] stdin) =>
            cases.Add(name, new MalformedCase(command, 6, names, Stdin: stdin));

        // Environment (CNI 4).
        Env("ADD without CNI_COMMAND", "ADD", "CNI_COMMAND", e => e["CNI_COMMAND"] = null);
        Env("ADD spelled ATTACH in CNI_COMMAND", "ADD", "ATTACH", e => e["CNI_COMMAND"] = "ATTACH");
        Env("ADD spelled add in lower case", "ADD", "CNI_COMMAND", e => e["CNI_COMMAND"] = "add");
        Env("ADD without CNI_CONTAINERID", "ADD", "CNI_CONTAINERID", e => e["CNI_CONTAINERID"] = null);
        Env("ADD with a CNI_CONTAINERID starting with a dash", "ADD", "CNI_CONTAINERID", e => e["CNI_CONTAINERID"] = "-c0ffee");
        Env("ADD with a CNI_CONTAINERID holding a slash", "ADD", "CNI_CONTAINERID", e => e["CNI_CONTAINERID"] = "c0/ffee");
        Env("ADD without CNI_NETNS", "ADD", "CNI_NETNS", e => e["CNI_NETNS"] = null);
        Env("ADD without CNI_IFNAME", "ADD", "CNI_IFNAME", e => e["CNI_IFNAME"] = null);
        Env("ADD with a CNI_IFNAME of 16 characters", "ADD", "CNI_IFNAME", e => e["CNI_IFNAME"] = "eth0123456789abc");
        Env("ADD with a CNI_IFNAME holding a slash", "ADD", "CNI_IFNAME", e => e["CNI_IFNAME"] = "eth/0");
        Env("ADD with CNI_IFNAME dot-dot", "ADD", "CNI_IFNAME", e => e["CNI_IFNAME"] = "..");
        Env("ADD with a CNI_ARGS pair without an equals sign", "ADD", "CNI_ARGS", e => e["CNI_ARGS"] += ";K8S_POD_NAME");
        Env("ADD with an unknown CNI_ARGS key and no IgnoreUnknown", "ADD", "COLOUR", e => e["CNI_ARGS"] = e["CNI_ARGS"]!.Replace("IgnoreUnknown=1", "COLOUR=blue", StringComparison.Ordinal));
        Env("ADD with IgnoreUnknown=maybe in CNI_ARGS", "ADD", "IgnoreUnknown", e => e["CNI_ARGS"] = e["CNI_ARGS"]!.Replace("IgnoreUnknown=1", "IgnoreUnknown=maybe", StringComparison.Ordinal));
        Env("CHECK without CNI_NETNS", "CHECK", "CNI_NETNS", e => e["CNI_NETNS"] = null);
        Env("CHECK without CNI_CONTAINERID", "CHECK", "CNI_CONTAINERID", e => e["CNI_CONTAINERID"] = null);
        Env("DEL without CNI_CONTAINERID", "DEL", "CNI_CONTAINERID", e => e["CNI_CONTAINERID"] = null);
        Env("DEL without CNI_IFNAME", "DEL", "CNI_IFNAME", e => e["CNI_IFNAME"] = null);
        Env("DEL with a CNI_IFNAME holding a colon", "DEL", "CNI_IFNAME", e => e["CNI_IFNAME"] = "eth0:1");
        Env("DEL with a CNI_ARGS pair without an equals sign", "DEL", "CNI_ARGS", e => e["CNI_ARGS"] += ";K8S_POD_UID");
        Env("GC without CNI_PATH", "GC", "CNI_PATH", e => e["CNI_PATH"] = null);

        // stdin that is not a JSON object (CNI 6).
        Raw("ADD with empty stdin", "ADD", "empty", []);
        Raw("ADD with only whitespace on stdin", "ADD", "empty", Encoding.UTF8.GetBytes(" \n\t "));
        Raw("ADD with truncated JSON", "ADD", "not valid JSON", Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"""));
        Raw("ADD with a JSON array", "ADD", "JSON object", Encoding.UTF8.GetBytes("""[{"cniVersion":"1.0.0"}]"""));
        Raw("ADD with a JSON string", "ADD", "JSON object", Encoding.UTF8.GetBytes("\"malformed-net\""));
        Raw("ADD with invalid UTF-8 in the network name", "ADD", "UTF-8", [.. Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"net"""), 0xff, .. Encoding.UTF8.GetBytes("\"}")]);
        Raw("DEL with truncated JSON", "DEL", "not valid JSON", Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","""));
        Raw("GC with truncated JSON", "GC", "not valid JSON", Encoding.UTF8.GetBytes("""{"cniVersion":"1.1.0","""));

        // cniVersion (CNI 1).
        Field("ADD without cniVersion", "ADD", 1, "cniVersion", c => c.Remove("cniVersion"));
        Field("ADD at cniVersion 0.2.0", "ADD", 1, "0.2.0", c => c["cniVersion"] = "0.2.0");
        Field("ADD at cniVersion 2.0.0", "ADD", 1, "2.0.0", c => c["cniVersion"] = "2.0.0");
        Field("CHECK at cniVersion 0.3.1", "CHECK", 1, "CHECK", c => c["cniVersion"] = "0.3.1");
        Field("STATUS at cniVersion 1.0.0", "STATUS", 1, "STATUS", c => c["cniVersion"] = "1.0.0");
        Field("GC at cniVersion 1.0.0", "GC", 1, "GC", c => c["cniVersion"] = "1.0.0");

        // Fields of the network config (CNI 7).
        Field("ADD with cniVersion as a number", "ADD", 7, "cniVersion", c => c["cniVersion"] = 1.0);
        Field("ADD without name", "ADD", 7, "name", c => c.Remove("name"));
        Field("ADD with a name holding a space", "ADD", 7, "name", c => c["name"] = "malformed net");
        Field("ADD with name as a number", "ADD", 7, "name", c => c["name"] = 42);
        Field("ADD with type as a number", "ADD", 7, "type", c => c["type"] = 42);
        Field("ADD with ipam as a string", "ADD", 7, "ipam", c => c["ipam"] = "spiderpool");
        Ipam("ADD with ipam.type as a boolean", "type", true);
        Ipam("ADD with ipam.log_level LOUD", "log_level", "LOUD");
        Ipam("ADD with a relative ipam.log_file_path", "log_file_path", "spiderpool.log");
        Ipam("ADD with a negative ipam.log_file_max_size", "log_file_max_size", -1);
        Ipam("ADD with ipam.log_file_max_count as a string", "log_file_max_count", "7");
        Ipam("ADD with ipam.default_ipv4_ippool as a string", "default_ipv4_ippool", TestPools.Malformed.Name);
        Ipam("ADD with a number in ipam.default_ipv4_ippool", "default_ipv4_ippool", new JsonArray(TestPools.Malformed.Name, 5));
        Ipam("ADD with an empty name in ipam.default_ipv4_ippool", "default_ipv4_ippool", new JsonArray(""));
        Ipam("ADD with ipam.default_ipv6_ippool as an object", "default_ipv6_ippool", new JsonObject());
        Ipam("ADD with ipam.clean_gateway as a string", "clean_gateway", "true");
        Ipam("ADD with ipam.match_master_subnet as a number", "match_master_subnet", 1);
        Ipam("ADD with ipam.enable_ip_conflict_detection as a string", "enable_ip_conflict_detection", "yes");
        Ipam("ADD with ipam.enable_gateway_detection as a string", "enable_gateway_detection", "no");
        Ipam("ADD with ipam.send_gratuitous_arp as a number", "send_gratuitous_arp", 0);
        Ipam("ADD with a relative ipam.ipam_unix_socket_path", "ipam_unix_socket_path", "spiderpool.sock");
        Ipam("ADD with an ipam.ipam_unix_socket_path over 107 bytes", "ipam_unix_socket_path", "/run/" + new string('s', 110) + ".sock");
        Field("ADD with prevResult as an array", "ADD", 7, "prevResult", c => c["prevResult"] = new JsonArray());
        Field("ADD with a prevResult address without prefix length", "ADD", 7, "prevResult.ips[0].address",
            c => c["prevResult"] = new JsonObject { ["ips"] = new JsonArray(new JsonObject { ["address"] = TestPools.Malformed.Nth(0) }) });
        Field("CHECK without prevResult", "CHECK", 7, "prevResult", c => c.Remove("prevResult"));
        Field("CHECK with a prevResult interface index out of range", "CHECK", 7, "prevResult.ips[0].interface",
            c => c["prevResult"]!["ips"]![0]!["interface"] = 3);
        Field("DEL with ipam as a string", "DEL", 7, "ipam", c => c["ipam"] = "spiderpool");
        Field("DEL without name", "DEL", 7, "name", c => c.Remove("name"));
        Ipam("DEL with ipam.default_ipv4_ippool as a string", "default_ipv4_ippool", TestPools.Malformed.Name, "DEL");
        Field("GC without cni.dev/valid-attachments", "GC", 7, "cni.dev/valid-attachments", c => c.Remove("cni.dev/valid-attachments"));
        Field("GC with cni.dev/valid-attachments as a string", "GC", 7, "cni.dev/valid-attachments", c => c["cni.dev/valid-attachments"] = "all");
        Field("GC with an attachment without containerID", "GC", 7, "containerID",
            c => c["cni.dev/valid-attachments"] = new JsonArray(new JsonObject { ["ifname"] = "eth0" }));
        Field("GC with an attachment without ifname", "GC", 7, "ifname",
            c => c["cni.dev/valid-attachments"]!.AsArray().Add(new JsonObject { ["containerID"] = "c0ffee" }));
        Field("GC without name", "GC", 7, "name", c => c.Remove("name"));
        Ipam("STATUS with a relative ipam.ipam_unix_socket_path", "ipam_unix_socket_path", "spiderpool.sock", "STATUS");
        return cases;
    }

    private static string Without(string cniArgs, string key) =>
        string.Join(';', cniArgs.Split(';').Where(pair => !pair.StartsWith(key + "=", StringComparison.Ordinal)));
}
