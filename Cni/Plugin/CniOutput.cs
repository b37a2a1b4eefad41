using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// Writes what goes to stdout: ADD results in the shape of the config's version, error results and the VERSION
/// answer. Written field by field (no reflection) in libcni's field order.
/// </summary>
internal static class CniOutput
{
    // Relaxed escaping keeps quotes like 'LOUD' readable in error messages; the output is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>0.3.x/0.4.0: <c>ips[].version</c> "4"/"6"; 1.0.0+: no version. Never <c>interfaces</c> nor <c>ips[].interface</c>.</summary>
    public static byte[] Result(CniResult result, string cniVersion)
    {
        ArgumentNullException.ThrowIfNull(result);
        var withIpVersion = CniVersions.ResultHasIpVersion(cniVersion);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion", cniVersion);

            writer.WriteStartArray("ips");
            foreach (var ip in result.Ips)
            {
                writer.WriteStartObject();
                if (withIpVersion)
                    writer.WriteString("version", IpText.Version(ip.Address).ToString(CultureInfo.InvariantCulture));
                writer.WriteString("address", IpText.Format(ip.Address, ip.Prefix));
                if (ip.Gateway is not null)
                    writer.WriteString("gateway", ip.Gateway.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();

            if (result.Routes.Count > 0)
            {
                writer.WriteStartArray("routes");
                foreach (var route in result.Routes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("dst", IpText.Format(route.Destination, route.Prefix));
                    if (route.Gateway is not null)
                        writer.WriteString("gw", route.Gateway.ToString());
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            // libcni always prints "dns" (an empty object when unset); runtimes expect the key.
            writer.WriteStartObject("dns");
            WriteList(writer, "nameservers", result.Dns.Nameservers);
            if (!string.IsNullOrEmpty(result.Dns.Domain))
                writer.WriteString("domain", result.Dns.Domain);
            WriteList(writer, "search", result.Dns.Search);
            WriteList(writer, "options", result.Dns.Options);
            writer.WriteEndObject();

            writer.WriteEndObject();
        });
    }

    public static byte[] Error(string cniVersion, int code, string message, string? details) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("cniVersion", cniVersion);
        writer.WriteNumber("code", code);
        writer.WriteString("msg", message);
        if (!string.IsNullOrEmpty(details))
            writer.WriteString("details", details);
        writer.WriteEndObject();
    });

    public static byte[] Version(string cniVersion) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("cniVersion", cniVersion);
        writer.WriteStartArray("supportedVersions");
        foreach (var version in CniVersions.Supported)
            writer.WriteStringValue(version);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return buffer.ToArray();
    }
}
