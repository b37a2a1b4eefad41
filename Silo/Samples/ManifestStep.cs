namespace Spiderpool.Silo.Samples;

/// <summary>
/// One object applied to the grains: <see cref="Line"/> for people; <see cref="Problem"/> set when the grain rejected
/// it (the manifest is invalid, nothing changed), naming where the object was read and what the grain said.
/// </summary>
public sealed record ManifestStep(string Line, string? Problem = null)
{
    public bool Accepted => Problem is null;
}
