using System.Text.Json.Nodes;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// One wrong input: a well-formed call of <paramref name="Command"/> with one thing broken, by editing the config
/// (<paramref name="Config"/>), the environment (<paramref name="Environment"/>) or replacing stdin outright
/// (<paramref name="Stdin"/>). The plugin must answer <paramref name="Code"/> with a message that names
/// <paramref name="Names"/> (the field or variable to fix).
/// </summary>
public sealed record MalformedCase(
    string Command,
    int Code,
    string Names,
    Action<JsonObject>? Config = null,
    Action<Dictionary<string, string?>>? Environment = null,
    byte[]? Stdin = null);
