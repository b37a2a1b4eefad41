using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Reads annotation JSON the way Spiderpool's Go code does (encoding/json): field names match case-insensitively with
/// the last duplicate winning, unknown fields are ignored, <c>null</c> leaves a field unset. Values are checked by
/// hand so the error names the field in our words instead of a .NET type name.
/// </summary>
internal static class JsonInput
{
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonDocument? document, out string error)
    {
        document = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the value is empty";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(text);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            // Positions are 0-based in System.Text.Json; people count from 1.
            error = $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})";
            return false;
        }
    }

    /// <summary>The value of <paramref name="name"/> in an object, matched like Go's encoding/json; null values count as absent.</summary>
    public static bool TryGetField(JsonElement obj, string name, out JsonElement value)
    {
        var found = false;
        value = default;
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                found = true;
            }
        }

        return found && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A list of non-empty strings; absent or null gives an empty list.</summary>
    public static bool TryReadNameList(JsonElement obj, string field, string what, out IReadOnlyList<string> list, out string error)
    {
        list = [];
        if (!TryGetField(obj, field, out var value))
        {
            error = "";
            return true;
        }

        return TryReadNameArray(value, $"'{field}'", what, out list, out error);
    }

    /// <summary>A list of non-empty strings; <paramref name="label"/> names the value in errors.</summary>
    public static bool TryReadNameArray(JsonElement value, string label, string what, out IReadOnlyList<string> list, out string error)
    {
        list = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"{label} must be a list of {what}s, found {Describe(value)}";
            return false;
        }

        var names = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = $"item {index} of {label} must be a {what} (a string), found {Describe(item)}";
                return false;
            }

            var name = item.GetString()!;
            if (name.Length == 0)
            {
                error = $"item {index} of {label} is an empty string; write a {what}";
                return false;
            }

            names.Add(name);
            index++;
        }

        list = names;
        error = "";
        return true;
    }

    /// <summary>A string field; absent or null gives "".</summary>
    public static bool TryReadString(JsonElement obj, string field, string label, out string text, out string error)
    {
        text = "";
        error = "";
        if (!TryGetField(obj, field, out var value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"{label} must be a string, found {Describe(value)}";
            return false;
        }

        text = value.GetString()!;
        return true;
    }

    /// <summary>A boolean field; absent or null gives false.</summary>
    public static bool TryReadBool(JsonElement obj, string field, string label, out bool flag, out string error)
    {
        flag = false;
        error = "";
        if (!TryGetField(obj, field, out var value))
        {
            return true;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"{label} must be true or false, found {Describe(value)}";
            return false;
        }

        flag = value.GetBoolean();
        return true;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
