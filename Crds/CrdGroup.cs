namespace Spiderpool.Crds;

/// <summary>The API group and version of Spiderpool's CRDs (spec §1.0).</summary>
public static class CrdGroup
{
    public const string Group = "spiderpool.spidernet.io";

    public const string Version = "v2beta1";

    /// <summary>The <c>apiVersion</c> every object of these types carries.</summary>
    public const string ApiVersion = Group + "/" + Version;
}
