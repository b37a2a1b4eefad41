using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Spiderpool.Silo.Manifests;

/// <summary>
/// Turns a YAML stream into one JSON tree per document, as <c>kubectl</c> does before the API server sees it, and
/// remembers the line of every field so errors can point at it. Plain scalars are typed by the YAML 1.2 core schema
/// (<c>4</c> a number, <c>true</c> a boolean, <c>~</c> null, anything else a string); quoted scalars are strings.
/// </summary>
internal static partial class YamlJson
{
    public static IReadOnlyList<YamlJsonDocument> Load(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        var documents = new List<YamlJsonDocument>();
        foreach (var document in stream.Documents)
        {
            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            var root = Convert(document.RootNode, "", lines);
            documents.Add(new YamlJsonDocument(root, (int)document.RootNode.Start.Line, lines));
        }

        return documents;
    }

    /// <summary>The path of a field as error messages write it: <c>spec.routes[0].dst</c>, <c>metadata.labels["a/b"]</c>.</summary>
    public static string Child(string path, string key) =>
        SimpleKey().IsMatch(key) ? (path.Length == 0 ? key : $"{path}.{key}") : $"{path}[\"{key}\"]";

    public static string Item(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, int> lines)
    {
        lines.TryAdd(path, (int)node.Start.Line);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new ManifestSyntaxException($"{Where(path)} has a key that is not a plain string", (int)keyNode.Start.Line);
                    }

                    // YamlDotNet has already refused a duplicate key ("Duplicate key subnet").
                    var child = Child(path, key);
                    lines[child] = (int)keyNode.Start.Line;
                    obj[key] = Convert(valueNode, child, lines);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, Item(path, array.Count), lines));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar, path);
            default:
                throw new ManifestSyntaxException($"{Where(path)}: unsupported YAML node {node.NodeType}", (int)node.Start.Line);
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar, string path)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        switch (tag)
        {
            case null when scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any):
            case "tag:yaml.org,2002:str":
                return JsonValue.Create(text);
            case null:
            case "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:null":
                // The core schema types the plain text the same way; a mismatch shows up as a wrong-type error.
                break;
            default:
                throw new ManifestSyntaxException($"{Where(path)}: the YAML tag {tag} is not supported; remove it", (int)scalar.Start.Line);
        }

        if (NullScalar().IsMatch(text))
        {
            return null;
        }

        return Plain(text) ?? JsonValue.Create(text);
    }

    /// <summary>A plain scalar that is a boolean or a number in the core schema, else null (it is a string).</summary>
    private static JsonValue? Plain(string text)
    {
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (DecimalInt().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? JsonValue.Create(integer)
                : JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (Float().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }

        return null;
    }

    private static string Where(string path) => path.Length == 0 ? "the document" : path;

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SimpleKey();

    [GeneratedRegex("^(null|Null|NULL|~|)$")]
    private static partial Regex NullScalar();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
