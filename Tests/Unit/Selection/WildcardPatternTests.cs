using Spiderpool.Grains.Selection;
using Xunit;

namespace Spiderpool.Tests.Unit.Selection;

/// <summary>Go filepath.Match semantics on Linux.</summary>
public sealed class WildcardPatternTests
{
    [Theory]
    [InlineData("pool-*", "pool-a", true)]
    [InlineData("pool-*", "pool-", true)]
    [InlineData("pool-*", "pool", false)]
    [InlineData("*", "anything", true)]
    [InlineData("*-v4", "a-b-v4", true)]
    [InlineData("p*l*", "pool", true)]
    [InlineData("?", "a", true)]
    [InlineData("?", "", false)]
    [InlineData("?", "ab", false)]
    [InlineData("[abc]x", "bx", true)]
    [InlineData("[abc]x", "dx", false)]
    [InlineData("[a-c]", "b", true)]
    [InlineData("[^a-c]", "b", false)]
    [InlineData("[^a-c]", "d", true)]
    [InlineData("[a-cx-z]", "y", true)]
    [InlineData("[\\]]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "axb", false)]
    [InlineData("*", "a/b", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("Pool", "pool", false)]
    public void IsMatch_FollowsGoFilepathMatch(string pattern, string name, bool expected) =>
        Assert.Equal(expected, WildcardPattern.IsMatch(pattern, name));

    [Theory]
    [InlineData("a[", "the character class starting at position 2 is not closed with ']'")]
    [InlineData("a[b", "the character class starting at position 2 is not closed with ']'")]
    [InlineData("a[b-", "the character class starting at position 2 is not closed with ']'")]
    [InlineData("[]", "the character class starting at position 1 has an unescaped ']' where a character is expected (a class lists at least one character; escape '-' and ']' with '\\')")]
    [InlineData("[-a]", "the character class starting at position 1 has an unescaped '-' where a character is expected (a class lists at least one character; escape '-' and ']' with '\\')")]
    [InlineData("[a-]", "the character class starting at position 1 has an unescaped ']' where a character is expected (a class lists at least one character; escape '-' and ']' with '\\')")]
    [InlineData("[^]", "the character class starting at position 1 has an unescaped ']' where a character is expected (a class lists at least one character; escape '-' and ']' with '\\')")]
    [InlineData("ab\\", "it ends with an unescaped '\\'")]
    public void Validate_MalformedPattern_SaysWhy(string pattern, string expected)
    {
        Assert.Equal(expected, WildcardPattern.Validate(pattern));
        Assert.False(WildcardPattern.IsMatch(pattern, "ab"));
    }

    [Theory]
    [InlineData("pool-a", false)]
    [InlineData("pool-*", true)]
    [InlineData("pool-?", true)]
    [InlineData("pool-[ab]", true)]
    [InlineData("pool-[", false)]
    [InlineData("pool-]", false)]
    public void IsPattern_FollowsSpiderpoolsDetection(string name, bool expected) =>
        Assert.Equal(expected, WildcardPattern.IsPattern(name));
}
