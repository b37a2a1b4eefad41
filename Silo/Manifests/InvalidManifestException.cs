namespace Spiderpool.Silo.Manifests;

/// <summary>
/// Manifests that cannot be applied as written: each problem names the file and line, the document, the object and
/// the field, and says what to change. Nothing from a folder with a problem is applied.
/// </summary>
public sealed class InvalidManifestException : Exception
{
    public InvalidManifestException()
        : this([])
    {
    }

    public InvalidManifestException(string message)
        : this([message])
    {
    }

    public InvalidManifestException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public InvalidManifestException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    /// <summary>The invalid-manifest error inside <paramref name="exception"/> (the silo's lifecycle wraps it), or null.</summary>
    public static InvalidManifestException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is InvalidManifestException invalid)
            {
                return invalid;
            }
        }

        return null;
    }
}
