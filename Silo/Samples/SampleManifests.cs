using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Spiderpool.Crds;
using Spiderpool.Silo.Crds;
using Spiderpool.Silo.Manifests;
using YamlDotNet.Core;

namespace Spiderpool.Silo.Samples;

/// <summary>
/// Reads a folder of Spiderpool YAML (SpiderIPPool, SpiderReservedIP, and the Pods the embedded demo allocates for):
/// the embedded demo's samples and <c>Spiderpool:ManifestsDirectory</c>. CRD documents are read strictly into the
/// <see cref="Spiderpool.Crds"/> types and mapped by <see cref="CrdMapping"/>: a field that is unknown, refused
/// (removed upstream, server-owned, or SpiderSubnet's) or of the wrong type is an error, so nothing written in a
/// manifest is silently ignored. Every problem of every file is reported at once and none of the folder is loaded.
/// </summary>
public sealed class SampleManifests
{
    private static readonly Dictionary<string, string> RefusedMetadata = new(StringComparer.Ordinal)
    {
        ["metadata.namespace"] = "is not allowed: the kind is cluster-scoped; remove it",
        ["metadata.generateName"] = "is not supported; give the object a metadata.name",
        ["metadata.finalizers"] = "are not supported in a manifest; remove them",
        ["metadata.ownerReferences"] = "are not supported yet (pools owned by a SpiderSubnet are not implemented); remove them",
        ["metadata.uid"] = ServerOwned,
        ["metadata.resourceVersion"] = ServerOwned,
        ["metadata.generation"] = ServerOwned,
        ["metadata.creationTimestamp"] = ServerOwned,
        ["metadata.deletionTimestamp"] = ServerOwned,
        ["metadata.deletionGracePeriodSeconds"] = ServerOwned,
        ["metadata.managedFields"] = ServerOwned,
        ["metadata.selfLink"] = ServerOwned,
        // Spec §3.12: these mark a pool controlled by, or created from, a SpiderSubnet.
        ["metadata.labels[\"ipam.spidernet.io/owner-spider-subnet\"]"] = SubnetOwned,
        ["metadata.annotations[\"ipam.spidernet.io/ippool-ip-number\"]"] = SubnetOwned,
    };

    private static readonly Dictionary<string, string> RefusedInPool = new(RefusedMetadata, StringComparer.Ordinal)
    {
        ["spec.vlan"] = "was removed from SpiderIPPool in Spiderpool v1.0; remove it (an interface's VLAN is set in its SpiderMultusConfig or NetworkAttachmentDefinition)",
        ["status"] = "is written by Spiderpool, not applied from a manifest; remove it",
    };

    private static readonly Dictionary<string, string> RefusedInReserved = new(RefusedMetadata, StringComparer.Ordinal)
    {
        ["status"] = "does not exist: SpiderReservedIP has no status; remove it",
    };

    private const string ServerOwned = "is set by the API server, not by a manifest; remove it";
    private const string SubnetOwned = "marks a pool of a SpiderSubnet, which is not supported yet; remove it";

    private readonly Dictionary<(string Kind, string Name), ManifestSource> seen = [];

    public List<PoolManifest> Pools { get; } = [];

    public List<ReservedIpManifest> ReservedIps { get; } = [];

    public List<SamplePod> Pods { get; } = [];

    /// <summary>Reads every <c>*.yaml</c> of <paramref name="directory"/> in name order.</summary>
    /// <exception cref="InvalidManifestException">Any document has a problem; the message lists them all.</exception>
    public static SampleManifests Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"manifests folder '{directory}' does not exist; pass --samples <folder> or set Spiderpool:ManifestsDirectory (the repository has Deploy/samples)");
        }

        var manifests = new SampleManifests();
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            using var reader = File.OpenText(file);
            manifests.Read(file, reader, problems);
        }

        return problems.Count == 0 ? manifests : throw new InvalidManifestException(problems);
    }

    /// <summary>Reads one file's documents, adding what is valid and appending one line per problem.</summary>
    internal void Read(string file, TextReader reader, List<string> problems)
    {
        IReadOnlyList<YamlJsonDocument> documents;
        try
        {
            documents = YamlJson.Load(reader);
        }
        catch (YamlException ex)
        {
            problems.Add($"{file}:{ex.Start.Line}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return;
        }
        catch (ManifestSyntaxException ex)
        {
            problems.Add($"{file}:{ex.Line}: {ex.Message}");
            return;
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            if (document.Root is not null)
            {
                Add(document, new ManifestSource(file, i + 1, document.Line), problems);
            }
        }
    }

    private void Add(YamlJsonDocument document, ManifestSource source, List<string> problems)
    {
        if (document.Root is not JsonObject root)
        {
            problems.Add($"{source}: a manifest must be a mapping with apiVersion, kind, metadata and spec");
            return;
        }

        var kind = root["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        var name = (root["metadata"] as JsonObject)?["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        var objectName = $"{kind ?? "object"} {(string.IsNullOrEmpty(name) ? "without metadata.name" : $"'{name}'")}";
        void Problem(string path, string message) => problems.Add($"{source.At(document.LineOf(path))} ({objectName}): {message}");

        switch (kind)
        {
            case SpiderIPPool.KindName:
                if (ReadCrd(document, CrdJsonContext.Default.SpiderIPPool, RefusedInPool, Problem) is { } pool && Unique(pool.Metadata.Name!))
                {
                    if (pool.Spec.IpVersion is { } v and not (4 or 6))
                    {
                        Problem("spec.ipVersion", $"spec.ipVersion must be 4 or 6, not {v}");
                        return;
                    }

                    Pools.Add(new PoolManifest(pool.Metadata.Name!, CrdMapping.ToPoolSpec(pool), source));
                }

                break;
            case SpiderReservedIP.KindName:
                if (ReadCrd(document, CrdJsonContext.Default.SpiderReservedIP, RefusedInReserved, Problem) is { } reserved && Unique(reserved.Metadata.Name!))
                {
                    if (reserved.Spec.IpVersion is { } v and not (4 or 6))
                    {
                        Problem("spec.ipVersion", $"spec.ipVersion must be 4 or 6, not {v}");
                        return;
                    }

                    ReservedIps.Add(new ReservedIpManifest(CrdMapping.ToReservedIpSet(reserved), source));
                }

                break;
            case "Pod":
                ReadPod(root, Problem);
                break;
            case "SpiderSubnet":
                Problem("kind", "SpiderSubnet is not supported yet; give each SpiderIPPool its own subnet, gateway and routes");
                break;
            case null:
                Problem("kind", root["kind"] is null ? "kind is missing; use SpiderIPPool, SpiderReservedIP or Pod" : "kind must be a string");
                break;
            default:
                Problem("kind", $"kind '{kind}' is not one this folder reads; use SpiderIPPool, SpiderReservedIP or Pod");
                break;
        }

        bool Unique(string objectKey)
        {
            if (seen.TryGetValue((kind, objectKey), out var first))
            {
                Problem("metadata.name", $"{kind} '{objectKey}' is already defined at {first}; rename or remove one");
                return false;
            }

            seen[(kind, objectKey)] = source;
            return true;
        }
    }

    private static T? ReadCrd<T>(YamlJsonDocument document, JsonTypeInfo<T> type, IReadOnlyDictionary<string, string> refused, Action<string, string> problem)
        where T : class
    {
        var root = (JsonObject)document.Root!;
        var problems = StrictJson.Check(root, type, refused);
        if (root["apiVersion"] is null)
        {
            problems.Add(("apiVersion", $"apiVersion is missing; use {CrdGroup.ApiVersion}"));
        }
        else if (root["apiVersion"] is JsonValue version && version.GetValueKind() == JsonValueKind.String && version.GetValue<string>() != CrdGroup.ApiVersion)
        {
            problems.Add(("apiVersion", $"apiVersion '{version.GetValue<string>()}' is not supported; use {CrdGroup.ApiVersion}"));
        }

        // A name of the wrong type is StrictJson's to report; here only a missing or empty one.
        var name = (root["metadata"] as JsonObject)?["name"];
        if (name is null || (name is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length == 0))
        {
            problems.Add(("metadata.name", "metadata.name is required"));
        }

        if (root["spec"] is null)
        {
            problems.Add(("spec", "spec is required"));
        }

        foreach (var (path, message) in problems)
        {
            problem(path, message);
        }

        return problems.Count == 0 ? JsonSerializer.Deserialize(root, type) : null;
    }

    /// <summary>
    /// A Pod for the demo: only its name, namespace, uid and annotations matter (the pool annotations select pools);
    /// the rest of a Pod is Kubernetes', not ours, and is not read.
    /// </summary>
    private void ReadPod(JsonObject root, Action<string, string> problem)
    {
        var metadata = root["metadata"] as JsonObject;
        string? Text(string field)
        {
            var node = metadata?[field];
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                return value.GetValue<string>();
            }

            if (node is not null)
            {
                problem($"metadata.{field}", $"metadata.{field} must be a string");
            }

            return null;
        }

        var name = Text("name");
        var podNamespace = Text("namespace") ?? "default";
        var uid = Text("uid") ?? "";
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata?["annotations"] as JsonObject ?? [])
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                annotations[key] = v.GetValue<string>();
            }
            else
            {
                var path = YamlJson.Child("metadata.annotations", key);
                problem(path, $"{path} must be a string; quote it");
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            problem("metadata.name", "metadata.name is required");
            return;
        }

        Pods.Add(new SamplePod(podNamespace, name, uid, annotations));
    }
}
