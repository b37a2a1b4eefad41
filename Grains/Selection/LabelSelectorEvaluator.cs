using Spiderpool.Grains.Interfaces.Selection;

namespace Spiderpool.Grains.Selection;

/// <summary>
/// Kubernetes LabelSelector semantics (metav1.LabelSelectorAsSelector): every <c>matchLabels</c> pair and every
/// <c>matchExpressions</c> requirement must hold; an empty selector matches everything. <c>In</c>: the label is present
/// with one of the values. <c>NotIn</c>: the label is absent or has none of the values. <c>Exists</c> /
/// <c>DoesNotExist</c>: the key is present / absent. Keys and values are compared case-sensitively.
/// </summary>
public static class LabelSelectorEvaluator
{
    /// <summary>
    /// Null when the selector is valid, otherwise what to fix: <c>In</c>/<c>NotIn</c> need at least one value,
    /// <c>Exists</c>/<c>DoesNotExist</c> take none, no other operator exists, keys and values follow label syntax.
    /// </summary>
    // Index entries are immutable and shared by every selection until the index changes: validate each selector once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LabelSelector, ValidationMemo> Validated = [];

    public static string? Validate(LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Validated.GetValue(selector, s => new ValidationMemo(ValidateUncached(s))).Error;
    }

    private sealed record ValidationMemo(string? Error);

    private static string? ValidateUncached(LabelSelector selector)
    {
        foreach (var (key, value) in selector.MatchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (LabelSyntax.CheckKey(key) is { } badKey)
            {
                return $"matchLabels: {badKey}";
            }

            if (LabelSyntax.CheckValue(value) is { } badValue)
            {
                return $"matchLabels['{key}']: {badValue}";
            }
        }

        for (var i = 0; i < selector.MatchExpressions.Count; i++)
        {
            var requirement = selector.MatchExpressions[i];
            if (LabelSyntax.CheckKey(requirement.Key) is { } badKey)
            {
                return $"matchExpressions[{i}]: {badKey}";
            }

            var where = $"matchExpressions[{i}] (key '{requirement.Key}')";
            switch (requirement.Operator)
            {
                case "In" or "NotIn":
                    if (requirement.Values.Count == 0)
                    {
                        return $"{where}: operator {requirement.Operator} needs at least one value";
                    }

                    foreach (var value in requirement.Values)
                    {
                        if (LabelSyntax.CheckValue(value) is { } badValue)
                        {
                            return $"{where}: {badValue}";
                        }
                    }

                    break;
                case "Exists" or "DoesNotExist":
                    if (requirement.Values.Count != 0)
                    {
                        return $"{where}: operator {requirement.Operator} takes no values, found {requirement.Values.Count}";
                    }

                    break;
                default:
                    return $"{where}: '{requirement.Operator}' is not a label selector operator; use In, NotIn, Exists or DoesNotExist";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="labels"/> satisfy the selector. Throws <see cref="ArgumentException"/> for an invalid selector.</summary>
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (Validate(selector) is { } error)
        {
            throw new ArgumentException($"invalid label selector: {error}", nameof(selector));
        }

        foreach (var (key, value) in selector.MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions)
        {
            var present = labels.TryGetValue(requirement.Key, out var actual);
            var holds = requirement.Operator switch
            {
                "In" => present && requirement.Values.Contains(actual!, StringComparer.Ordinal),
                "NotIn" => !present || !requirement.Values.Contains(actual!, StringComparer.Ordinal),
                "Exists" => present,
                _ => !present,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}
