using System.Text.Json.Nodes;

namespace Spiderpool.Silo.Manifests;

/// <summary>One YAML document as JSON; <see cref="Lines"/> maps field paths (<c>spec.ips[0]</c>) to 1-based lines.</summary>
internal sealed record YamlJsonDocument(JsonNode? Root, int Line, IReadOnlyDictionary<string, int> Lines)
{
    /// <summary>The line of <paramref name="path"/>, or of its nearest parent the document has.</summary>
    public int LineOf(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (Lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return Line;
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }
}
