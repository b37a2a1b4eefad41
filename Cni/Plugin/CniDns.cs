namespace Spiderpool.Cni.Plugin;

/// <summary>The <c>dns</c> object of an ADD result.</summary>
internal sealed record CniDns
{
    public static CniDns Empty { get; } = new();

    public IReadOnlyList<string> Nameservers { get; init; } = [];

    public string? Domain { get; init; }

    public IReadOnlyList<string> Search { get; init; } = [];

    public IReadOnlyList<string> Options { get; init; } = [];
}
