using System.Text.RegularExpressions;

namespace Spiderpool.Grains.Selection;

/// <summary>Kubernetes label key and value syntax (apimachinery's IsQualifiedName and IsValidLabelValue).</summary>
internal static partial class LabelSyntax
{
    private const string NameRule = "63 characters or fewer, beginning and ending with a letter or digit, with only letters, digits, '-', '_' and '.' between";

    /// <summary>Null when <paramref name="key"/> is a valid label key (<c>[prefix/]name</c>), otherwise why not.</summary>
    public static string? CheckKey(string key)
    {
        var parts = key.Split('/');
        if (parts.Length > 2)
        {
            return $"'{key}' is not a valid label key: it may contain at most one '/' (an optional DNS subdomain prefix, then the name)";
        }

        var name = parts[^1];
        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
            {
                return $"'{key}' is not a valid label key: the prefix before '/' is empty";
            }

            if (prefix.Length > 253 || !Dns1123Subdomain().IsMatch(prefix))
            {
                return $"'{key}' is not a valid label key: the prefix '{prefix}' must be a lowercase DNS subdomain of 253 characters or fewer";
            }
        }

        if (name.Length == 0)
        {
            return $"'{key}' is not a valid label key: the name is empty";
        }

        return name.Length > 63 || !QualifiedNamePart().IsMatch(name)
            ? $"'{key}' is not a valid label key: the name '{name}' must be {NameRule}"
            : null;
    }

    /// <summary>Null when <paramref name="value"/> is a valid label value (empty is valid), otherwise why not.</summary>
    public static string? CheckValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && QualifiedNamePart().IsMatch(value))
            ? null
            : $"'{value}' is not a valid label value: it must be empty or {NameRule}";

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();
}
