using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// What a CNI plugin invocation printed, read as CNI defines it: exit 0 with a result (ADD) or nothing, or exit 1
/// with an error object carrying <c>code</c> and <c>msg</c>.
/// </summary>
public sealed class CniOutcome
{
    private readonly Lazy<JsonObject?> json;

    public CniOutcome(ProcessOutcome process, string context)
    {
        ArgumentNullException.ThrowIfNull(process);
        Process = process;
        Context = context;
        json = new Lazy<JsonObject?>(() =>
        {
            try
            {
                return string.IsNullOrWhiteSpace(process.Stdout) ? null : JsonNode.Parse(process.Stdout) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        });
    }

    public ProcessOutcome Process { get; }

    /// <summary>What was run (verb, pod, config version), for assertion messages.</summary>
    public string Context { get; }

    public bool Succeeded => Process.ExitCode == 0;

    public TimeSpan Elapsed => Process.Elapsed;

    /// <summary>stdout as a JSON object, or null when it is empty or not an object.</summary>
    public JsonObject? Json => json.Value;

    /// <summary>The error code of an error result, or null.</summary>
    public int? Code => Json?["code"] is JsonValue code && code.TryGetValue<int>(out var value) ? value : null;

    public string Message => Json?["msg"]?.GetValue<string>() ?? "";

    /// <summary>The <c>ips</c> entries of a result.</summary>
    public IReadOnlyList<JsonObject> Ips => Json?["ips"]?.AsArray().OfType<JsonObject>().ToList() ?? [];

    /// <summary>The <c>address</c> of every <c>ips</c> entry (CIDR).</summary>
    public IReadOnlyList<string> Addresses => Ips.Select(ip => ip["address"]!.GetValue<string>()).ToList();

    public string Describe() => $"{Context}: {Process.Describe()}";
}
