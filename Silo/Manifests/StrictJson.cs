using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Spiderpool.Silo.Manifests;

/// <summary>
/// Checks a JSON tree against the shape of a type before it is deserialised, so nothing is silently dropped or
/// coerced: every field must be one the type has (or the reader knows why it is refused), every value of the type
/// the field holds, every required field present. Problems carry the field path (<c>spec.nodeAffinity.matchLabelz</c>).
/// </summary>
internal static class StrictJson
{
    /// <param name="refused">Fields that exist upstream but are not accepted here, by path, with the reason.</param>
    public static List<(string Path, string Problem)> Check(JsonNode? node, JsonTypeInfo type, IReadOnlyDictionary<string, string> refused)
    {
        var problems = new List<(string, string)>();
        Check(node, type, "", nullAllowed: true, refused, problems);
        return problems;
    }

    private static void Check(JsonNode? node, JsonTypeInfo type, string path, bool nullAllowed, IReadOnlyDictionary<string, string> refused, List<(string, string)> problems)
    {
        if (node is null)
        {
            // A YAML null (`gateway: ~`) is an absent optional field, as in Kubernetes; a null list item is not.
            if (!nullAllowed)
            {
                problems.Add((path, $"{path} must be {Expected(type)}, not null"));
            }

            return;
        }

        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                var fields = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    var child = YamlJson.Child(path, key);
                    if (refused.TryGetValue(child, out var reason))
                    {
                        problems.Add((child, $"{child} {reason}"));
                    }
                    else if (fields.TryGetValue(key, out var field))
                    {
                        Check(value, type.Options.GetTypeInfo(field.PropertyType), child, nullAllowed: true, refused, problems);
                    }
                    else
                    {
                        problems.Add((child, Unknown(child, path, key, fields.Keys)));
                    }
                }

                foreach (var field in type.Properties.Where(p => p.IsRequired && obj[p.Name] is null))
                {
                    var child = YamlJson.Child(path, field.Name);
                    problems.Add((child, $"{child} is required"));
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                var values = type.Options.GetTypeInfo(type.ElementType!);
                foreach (var (key, value) in map)
                {
                    var child = YamlJson.Child(path, key);
                    if (refused.TryGetValue(child, out var reason))
                    {
                        problems.Add((child, $"{child} {reason}"));
                    }
                    else
                    {
                        Check(value, values, child, nullAllowed: false, refused, problems);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                var items = type.Options.GetTypeInfo(type.ElementType!);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, YamlJson.Item(path, i), nullAllowed: false, refused, problems);
                }

                break;
            case JsonTypeInfoKind.None when node is JsonValue value && Fits(value, type.Type):
                break;
            default:
                problems.Add((path, WrongType(path, type, node)));
                break;
        }
    }

    private static bool Fits(JsonValue value, Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => value.GetValueKind() == JsonValueKind.String,
        var t when t == typeof(long) => value.TryGetValue<long>(out _),
        var t when t == typeof(bool) => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        var t => throw new NotSupportedException($"StrictJson has no rule for {t}; add one when a CRD type uses it"),
    };

    private static string Expected(JsonTypeInfo type) => type.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "a mapping",
        JsonTypeInfoKind.Enumerable => "a list",
        _ when (Nullable.GetUnderlyingType(type.Type) ?? type.Type) == typeof(string) => "a string",
        _ when (Nullable.GetUnderlyingType(type.Type) ?? type.Type) == typeof(bool) => "true or false",
        _ => "an integer",
    };

    private static string WrongType(string path, JsonTypeInfo type, JsonNode node)
    {
        var message = $"{path} must be {Expected(type)}, not {Describe(node)}";
        // YAML reads an unquoted 1234 or true as a number or boolean; a string field wants it quoted.
        return Expected(type) == "a string" && node is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? $"{message}; quote it (\"{v.ToJsonString()}\")"
            : message;
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"the string \"{v.GetValue<string>()}\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => $"the number {v.ToJsonString()}",
        _ => $"the boolean {node.ToJsonString()}",
    };

    private static string Unknown(string child, string parent, string key, IEnumerable<string> known)
    {
        var names = known.ToList();
        var guess = names
            .Select(n => (Name: n, Distance: Distance(key.ToUpperInvariant(), n.ToUpperInvariant())))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        var hint = guess is null ? "" : $" (did you mean {guess}?)";
        return $"unknown field {child}{hint}; {(parent.Length == 0 ? "the top level" : parent)} has {string.Join(", ", names)}";
    }

    /// <summary>Levenshtein distance, for the "did you mean" of a misspelt field.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
