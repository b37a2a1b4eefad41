using System.Diagnostics;
using System.Text.Json;

namespace Spiderpool.Tests.Privileged.Netlink;

/// <summary>Runs iproute2's <c>ip -n NS -j …</c> to cross-check what our own dumps report.</summary>
internal static class IpCommand
{
    public static JsonElement Json(string netns, string arguments)
    {
        var output = Run($"-n {netns} -j {arguments}");
        using var document = JsonDocument.Parse(output.Length == 0 ? "[]" : output);
        return document.RootElement.Clone();
    }

    public static string Run(string arguments)
    {
        var start = new ProcessStartInfo("ip", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ip");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Trim()
            : throw new InvalidOperationException($"ip {arguments} exited with {process.ExitCode}: {error.Trim()}");
    }

    public static IEnumerable<JsonElement> Items(this JsonElement array) => array.EnumerateArray();

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Number(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
