namespace Spiderpool.Grains.Selection;

/// <summary>
/// Pool-name wildcards (spec §3.3.1) with the semantics of Go's <c>filepath.Match</c> on Linux: <c>*</c> is any run of
/// characters other than <c>/</c>, <c>?</c> one such character, <c>[...]</c> a class of characters and ranges
/// (<c>[^...]</c> negates), <c>\</c> escapes the next character. A class must list at least one range and be closed,
/// <c>-</c> and <c>]</c> must be escaped inside it; anything else is a malformed pattern.
/// </summary>
public static class WildcardPattern
{
    private enum TokenKind
    {
        Literal,
        AnyOne,
        AnyRun,
        Class,
    }

    private readonly record struct Token(TokenKind Kind, char Literal, bool Negated, (char Lo, char Hi)[] Ranges);

    /// <summary>Spiderpool treats a pool name as a pattern when it has <c>*</c> or <c>?</c>, or both <c>[</c> and <c>]</c>.</summary>
    public static bool IsPattern(string name) =>
        name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal)
        || (name.Contains('[', StringComparison.Ordinal) && name.Contains(']', StringComparison.Ordinal));

    /// <summary>Null when <paramref name="pattern"/> is well formed, otherwise what is wrong with it.</summary>
    public static string? Validate(string pattern) => TryTokenize(pattern, out _, out var error) ? null : error;

    /// <summary>Whether <paramref name="name"/> matches; a malformed pattern matches nothing (check <see cref="Validate"/> first).</summary>
    public static bool IsMatch(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TryTokenize(pattern, out var tokens, out _))
        {
            return false;
        }

        // matches[t, n]: tokens[t..] match name[n..]. Filled backwards; patterns and names are short.
        var matches = new bool[tokens.Count + 1, name.Length + 1];
        matches[tokens.Count, name.Length] = true;
        for (var t = tokens.Count - 1; t >= 0; t--)
        {
            for (var n = name.Length; n >= 0; n--)
            {
                var token = tokens[t];
                matches[t, n] = token.Kind == TokenKind.AnyRun
                    ? matches[t + 1, n] || (n < name.Length && name[n] != '/' && matches[t, n + 1])
                    : n < name.Length && MatchesOne(token, name[n]) && matches[t + 1, n + 1];
            }
        }

        return matches[0, 0];
    }

    private static bool MatchesOne(Token token, char c) => token.Kind switch
    {
        TokenKind.Literal => token.Literal == c,
        TokenKind.AnyOne => c != '/',
        TokenKind.Class => token.Ranges.Any(r => r.Lo <= c && c <= r.Hi) != token.Negated,
        _ => false,
    };

    private static bool TryTokenize(string pattern, out List<Token> tokens, out string error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        tokens = [];
        error = "";
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    tokens.Add(new Token(TokenKind.AnyRun, '\0', false, []));
                    i++;
                    break;
                case '?':
                    tokens.Add(new Token(TokenKind.AnyOne, '\0', false, []));
                    i++;
                    break;
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        error = "it ends with an unescaped '\\'";
                        return false;
                    }

                    tokens.Add(new Token(TokenKind.Literal, pattern[i + 1], false, []));
                    i += 2;
                    break;
                case '[':
                    if (!TryReadClass(pattern, ref i, out var token, out error))
                    {
                        return false;
                    }

                    tokens.Add(token);
                    break;
                default:
                    tokens.Add(new Token(TokenKind.Literal, c, false, []));
                    i++;
                    break;
            }
        }

        return true;
    }

    private static bool TryReadClass(string pattern, ref int i, out Token token, out string error)
    {
        token = default;
        var start = i;
        i++;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
        {
            i++;
        }

        var ranges = new List<(char, char)>();
        while (true)
        {
            if (i < pattern.Length && pattern[i] == ']' && ranges.Count > 0)
            {
                i++;
                token = new Token(TokenKind.Class, '\0', negated, [.. ranges]);
                error = "";
                return true;
            }

            if (!TryReadClassChar(pattern, ref i, start, out var lo, out error))
            {
                return false;
            }

            var hi = lo;
            if (pattern[i] == '-')
            {
                i++;
                if (!TryReadClassChar(pattern, ref i, start, out hi, out error))
                {
                    return false;
                }
            }

            ranges.Add((lo, hi));
        }
    }

    /// <summary>One character of a class; like Go, the class must go on after it (it still needs its closing ']').</summary>
    private static bool TryReadClassChar(string pattern, ref int i, int classStart, out char c, out string error)
    {
        c = '\0';
        if (i >= pattern.Length)
        {
            error = $"the character class starting at position {classStart + 1} is not closed with ']'";
            return false;
        }

        if (pattern[i] is '-' or ']')
        {
            error = $"the character class starting at position {classStart + 1} has an unescaped '{pattern[i]}' where a character is expected (a class lists at least one character; escape '-' and ']' with '\\')";
            return false;
        }

        if (pattern[i] == '\\')
        {
            i++;
            if (i >= pattern.Length)
            {
                error = $"the character class starting at position {classStart + 1} is not closed with ']'";
                return false;
            }
        }

        c = pattern[i];
        i++;
        if (i >= pattern.Length)
        {
            error = $"the character class starting at position {classStart + 1} is not closed with ']'";
            return false;
        }

        error = "";
        return true;
    }
}
