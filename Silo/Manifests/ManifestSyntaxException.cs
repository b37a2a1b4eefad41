namespace Spiderpool.Silo.Manifests;

/// <summary>YAML that cannot become a manifest (a key that is not a string, an alias, an unknown tag); <see cref="Line"/> is 1-based.</summary>
internal sealed class ManifestSyntaxException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
