using System.Globalization;
using Spiderpool.Grains.Interfaces.Pools;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Spiderpool.Silo.Samples;

/// <summary>
/// Reads Spiderpool-format YAML (SpiderIPPool, SpiderReservedIP, Pod) from a folder, for the embedded demo. It reads
/// only the fields the demo uses; the Kubernetes mirror brings the full CRD types.
/// </summary>
public sealed class SampleManifests
{
    public List<(string Name, PoolSpec Spec)> Pools { get; } = [];

    public List<(string Name, int IpVersion, IReadOnlyList<string> Ips)> ReservedIps { get; } = [];

    public List<SamplePod> Pods { get; } = [];

    public static SampleManifests Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"sample folder '{directory}' does not exist; pass --samples <folder> (the repository has Deploy/samples)");
        }

        var manifests = new SampleManifests();
        var deserializer = new DeserializerBuilder().Build();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            using var reader = File.OpenText(file);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            var index = 0;
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var document = deserializer.Deserialize<Dictionary<string, object?>>(parser);
                parser.Consume<DocumentEnd>();
                if (document is not null)
                {
                    try
                    {
                        manifests.Add(document);
                    }
                    catch (FormatException ex)
                    {
                        throw new FormatException($"{file}, document {index}: {ex.Message}", ex);
                    }
                }

                index++;
            }
        }

        return manifests;
    }

    private void Add(Dictionary<string, object?> document)
    {
        var kind = Str(document, "kind") ?? throw new FormatException("'kind' is missing");
        var metadata = Map(document, "metadata") ?? throw new FormatException("'metadata' is missing");
        var name = Str(metadata, "name") ?? throw new FormatException("'metadata.name' is missing");
        var spec = Map(document, "spec") ?? [];
        switch (kind)
        {
            case "SpiderIPPool":
                Pools.Add((name, new PoolSpec
                {
                    IpVersion = Int(spec, "ipVersion"),
                    Subnet = Str(spec, "subnet") ?? throw new FormatException($"SpiderIPPool '{name}': spec.subnet is required"),
                    Ips = List(spec, "ips"),
                    ExcludeIps = List(spec, "excludeIPs"),
                    Gateway = Str(spec, "gateway"),
                    Routes = (spec.GetValueOrDefault("routes") as List<object?> ?? [])
                        .OfType<Dictionary<object, object?>>()
                        .Select(r => new PoolRoute(r.GetValueOrDefault("dst")?.ToString() ?? "", r.GetValueOrDefault("gw")?.ToString() ?? ""))
                        .ToList(),
                    Disable = Bool(spec, "disable"),
                    Default = Bool(spec, "default"),
                }));
                break;
            case "SpiderReservedIP":
                ReservedIps.Add((name, Int(spec, "ipVersion"), List(spec, "ips")));
                break;
            case "Pod":
                var annotations = Map(metadata, "annotations") ?? [];
                Pods.Add(new SamplePod(
                    Str(metadata, "namespace") ?? "default",
                    name,
                    Str(metadata, "uid") ?? "",
                    annotations.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)));
                break;
            default:
                throw new FormatException($"kind '{kind}' is not one the demo reads (SpiderIPPool, SpiderReservedIP, Pod)");
        }
    }

    private static Dictionary<string, object?>? Map(Dictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) is Dictionary<object, object?> inner
            ? inner.ToDictionary(p => p.Key.ToString() ?? "", p => p.Value, StringComparer.Ordinal)
            : null;

    private static string? Str(Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key)?.ToString();

    private static int Int(Dictionary<string, object?> map, string key) =>
        Str(map, key) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{key}' must be a number, not '{text}'")
            : 0;

    private static bool Bool(Dictionary<string, object?> map, string key) =>
        Str(map, key) is { } text && (bool.TryParse(text, out var value) ? value : throw new FormatException($"'{key}' must be true or false, not '{text}'"));

    private static List<string> List(Dictionary<string, object?> map, string key) =>
        (map.GetValueOrDefault(key) as List<object?> ?? []).Select(o => o?.ToString() ?? "").ToList();
}
