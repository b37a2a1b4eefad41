using System.Globalization;

namespace Spiderpool.Silo.Manifests;

/// <summary>Where an object was read: the file, its 1-based document number and the line the document starts on.</summary>
public sealed record ManifestSource(string File, int Document, int Line)
{
    /// <summary><c>file:line: document n</c>, the form editors and terminals turn into a link.</summary>
    public string At(int line) => string.Create(CultureInfo.InvariantCulture, $"{File}:{line}: document {Document}");

    public override string ToString() => At(Line);
}
