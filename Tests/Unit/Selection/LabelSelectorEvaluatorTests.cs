using Spiderpool.Grains.Interfaces.Selection;
using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Kubernetes LabelSelector semantics: every operator, the empty selector, invalid selectors.</summary>
public sealed class LabelSelectorEvaluatorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "", ["example.com/team"] = "blue" };

    private static LabelSelector Expr(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = values }] };

    public static TheoryData<string, LabelSelector, bool> MatchRows => new()
    {
        { "an empty selector matches everything", new LabelSelector(), true },
        { "matchLabels with the same value matches", new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } }, true },
        { "matchLabels with another value does not match", new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } }, false },
        { "matchLabels compares values case-sensitively", new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "Web" } }, false },
        { "matchLabels on an absent key does not match", new LabelSelector { MatchLabels = new Dictionary<string, string> { ["zone"] = "" } }, false },
        { "matchLabels with an empty value matches a present empty label", new LabelSelector { MatchLabels = new Dictionary<string, string> { ["tier"] = "" } }, true },
        { "In matches when the value is listed", Expr("app", "In", "db", "web"), true },
        { "In does not match an unlisted value", Expr("app", "In", "db"), false },
        { "In does not match an absent key", Expr("zone", "In", "a"), false },
        { "NotIn matches an absent key", Expr("zone", "NotIn", "a"), true },
        { "NotIn matches an unlisted value", Expr("app", "NotIn", "db"), true },
        { "NotIn does not match a listed value", Expr("app", "NotIn", "web"), false },
        { "Exists matches a present key, even with an empty value", Expr("tier", "Exists"), true },
        { "Exists does not match an absent key", Expr("zone", "Exists"), false },
        { "DoesNotExist matches an absent key", Expr("zone", "DoesNotExist"), true },
        { "DoesNotExist does not match a present key", Expr("app", "DoesNotExist"), false },
        { "a prefixed key is matched whole", Expr("example.com/team", "In", "blue"), true },
        {
            "matchLabels and every expression must all hold",
            new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
                MatchExpressions = [new() { Key = "tier", Operator = "Exists" }, new() { Key = "zone", Operator = "In", Values = ["a"] }],
            },
            false
        },
    };

    [Theory]
    [MemberData(nameof(MatchRows))]
    public void Matches_FollowsKubernetesSemantics(string rule, LabelSelector selector, bool expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Null(LabelSelectorEvaluator.Validate(selector));
        Assert.Equal(expected, LabelSelectorEvaluator.Matches(selector, Labels));
    }

    [Fact]
    public void Matches_EmptySelector_MatchesAnObjectWithoutLabels() =>
        Assert.True(LabelSelectorEvaluator.Matches(new LabelSelector(), new Dictionary<string, string>()));

    private const string NameRule = "63 characters or fewer, beginning and ending with a letter or digit, with only letters, digits, '-', '_' and '.' between";

    public static TheoryData<string, LabelSelector, string> InvalidRows => new()
    {
        { "In needs a value", Expr("app", "In"), "matchExpressions[0] (key 'app'): operator In needs at least one value" },
        { "NotIn needs a value", Expr("app", "NotIn"), "matchExpressions[0] (key 'app'): operator NotIn needs at least one value" },
        { "Exists takes no value", Expr("app", "Exists", "web"), "matchExpressions[0] (key 'app'): operator Exists takes no values, found 1" },
        { "DoesNotExist takes no value", Expr("app", "DoesNotExist", "a", "b"), "matchExpressions[0] (key 'app'): operator DoesNotExist takes no values, found 2" },
        { "operators are case-sensitive", Expr("app", "in", "web"), "matchExpressions[0] (key 'app'): 'in' is not a label selector operator; use In, NotIn, Exists or DoesNotExist" },
        { "there is no Gt for labels", Expr("app", "Gt", "1"), "matchExpressions[0] (key 'app'): 'Gt' is not a label selector operator; use In, NotIn, Exists or DoesNotExist" },
        { "an expression key must be a label key", Expr("", "Exists"), "matchExpressions[0]: '' is not a valid label key: the name is empty" },
        { "expression values must be label values", Expr("app", "In", "a b"), $"matchExpressions[0] (key 'app'): 'a b' is not a valid label value: it must be empty or {NameRule}" },
        {
            "a matchLabels key must be a label key",
            new LabelSelector { MatchLabels = new Dictionary<string, string> { ["a b"] = "x" } },
            $"matchLabels: 'a b' is not a valid label key: the name 'a b' must be {NameRule}"
        },
        {
            "a matchLabels value must be a label value",
            new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "-web" } },
            $"matchLabels['app']: '-web' is not a valid label value: it must be empty or {NameRule}"
        },
        { "a key has at most one slash", Expr("a/b/c", "Exists"), "matchExpressions[0]: 'a/b/c' is not a valid label key: it may contain at most one '/' (an optional DNS subdomain prefix, then the name)" },
        { "a key prefix must not be empty", Expr("/app", "Exists"), "matchExpressions[0]: '/app' is not a valid label key: the prefix before '/' is empty" },
        { "a key prefix must be a lowercase DNS subdomain", Expr("Example.com/app", "Exists"), "matchExpressions[0]: 'Example.com/app' is not a valid label key: the prefix 'Example.com' must be a lowercase DNS subdomain of 253 characters or fewer" },
        { "a key name must not be empty", Expr("example.com/", "Exists"), "matchExpressions[0]: 'example.com/' is not a valid label key: the name is empty" },
        { "a key name is at most 63 characters", Expr(new string('a', 64), "Exists"), $"matchExpressions[0]: '{new string('a', 64)}' is not a valid label key: the name '{new string('a', 64)}' must be {NameRule}" },
    };

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Validate_InvalidSelector_SaysWhatToFix(string rule, LabelSelector selector, string expected)
    {
        Assert.False(string.IsNullOrEmpty(rule));
        Assert.Equal(expected, LabelSelectorEvaluator.Validate(selector));
        var thrown = Assert.Throws<ArgumentException>(() => LabelSelectorEvaluator.Matches(selector, Labels));
        Assert.StartsWith($"invalid label selector: {expected}", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LongestValidKeyAndValue_AreAccepted() =>
        Assert.Null(LabelSelectorEvaluator.Validate(new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { [$"{new string('a', 253)}/{new string('b', 63)}"] = new string('c', 63) },
        }));
}
