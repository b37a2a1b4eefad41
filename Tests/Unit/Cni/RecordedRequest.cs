namespace Spiderpool.Tests.Unit.Cni;

/// <summary>A request the <see cref="FakeNodeHost"/> received: method, path with query, body.</summary>
public sealed record RecordedRequest(string Method, string Target, string Body)
{
    public string Path => Target.Split('?')[0];

    public override string ToString() => $"{Method} {Target} {Body}";
}
