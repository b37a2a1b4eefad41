using Spiderpool.Silo.Samples;

namespace Spiderpool.Tests.Unit.Manifests;

/// <summary>Reads YAML text as if it were the file <c>pools.yaml</c> of a manifests folder.</summary>
internal static class ManifestText
{
    public const string File = "pools.yaml";

    public static SampleManifests Read(string yaml, out List<string> problems)
    {
        var manifests = new SampleManifests();
        problems = [];
        using var reader = new StringReader(yaml);
        manifests.Read(File, reader, problems);
        return manifests;
    }

    /// <summary>Reads YAML that must be valid.</summary>
    public static SampleManifests Valid(string yaml)
    {
        var manifests = Read(yaml, out var problems);
        Xunit.Assert.Empty(problems);
        return manifests;
    }

    /// <summary>Reads YAML that must have exactly one problem, and returns it.</summary>
    public static string SingleProblem(string yaml)
    {
        var manifests = Read(yaml, out var problems);
        Xunit.Assert.Empty(manifests.Pools);
        Xunit.Assert.Empty(manifests.ReservedIps);
        return Xunit.Assert.Single(problems);
    }
}
