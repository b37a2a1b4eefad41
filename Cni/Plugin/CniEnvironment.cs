using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>The CNI parameters passed in environment variables, checked per verb as CNI 1.1 section 2 requires.</summary>
internal sealed record CniEnvironment
{
    public const string CommandVariable = "CNI_COMMAND";
    public const string ContainerIdVariable = "CNI_CONTAINERID";
    public const string NetNsVariable = "CNI_NETNS";
    public const string IfNameVariable = "CNI_IFNAME";
    public const string ArgsVariable = "CNI_ARGS";
    public const string PathVariable = "CNI_PATH";

    /// <summary>Every variable the plugin reads, so the process entry point copies only these.</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
        [CommandVariable, ContainerIdVariable, NetNsVariable, IfNameVariable, ArgsVariable, PathVariable];

    public required CniCommand Command { get; init; }

    public string ContainerId { get; init; } = "";

    public string NetNs { get; init; } = "";

    public string IfName { get; init; } = "";

    public string Path { get; init; } = "";

    public CniArgs Args { get; init; } = CniArgs.Empty;

    /// <exception cref="CniException">Code 4 when CNI_COMMAND is missing or not a CNI verb.</exception>
    public static CniCommand ParseCommand(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = Get(environment, CommandVariable);
        return value switch
        {
            "ADD" => CniCommand.Add,
            "DEL" => CniCommand.Del,
            "CHECK" => CniCommand.Check,
            "STATUS" => CniCommand.Status,
            "GC" => CniCommand.Gc,
            "VERSION" => CniCommand.Version,
            "" => throw new CniException(CniErrorCode.InvalidEnvironmentVariables,
                "required environment variable CNI_COMMAND is missing; set it to ADD, DEL, CHECK, STATUS, GC or VERSION"),
            _ => throw new CniException(CniErrorCode.InvalidEnvironmentVariables,
                $"CNI_COMMAND '{value}' is not one of ADD, DEL, CHECK, STATUS, GC, VERSION"),
        };
    }

    /// <summary>Reads and checks the variables the verb needs. CNI_ARGS is parsed for the verbs that act on a pod.</summary>
    /// <exception cref="CniException">Code 4 naming every missing variable, or the first invalid one.</exception>
    public static CniEnvironment Parse(CniCommand command, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var env = new CniEnvironment
        {
            Command = command,
            ContainerId = Get(environment, ContainerIdVariable),
            NetNs = Get(environment, NetNsVariable),
            IfName = Get(environment, IfNameVariable),
            Path = Get(environment, PathVariable),
        };

        // Required per CNI 1.1 section 2. CNI_PATH is only required for GC there; this plugin never executes
        // delegates, so it does not insist on it elsewhere.
        string[] required = command switch
        {
            CniCommand.Add or CniCommand.Check => [ContainerIdVariable, NetNsVariable, IfNameVariable],
            CniCommand.Del => [ContainerIdVariable, IfNameVariable],
            CniCommand.Gc => [PathVariable],
            _ => [],
        };
        var missing = required.Where(name => Get(environment, name).Length == 0).ToList();
        if (missing.Count > 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables,
                $"required environment variable{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} missing for CNI_COMMAND {command.ToString().ToUpperInvariant()}");
        }

        if (required.Contains(ContainerIdVariable) && !IsValidContainerId(env.ContainerId))
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables,
                $"CNI_CONTAINERID '{env.ContainerId}' is invalid: it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
        }

        if (required.Contains(IfNameVariable) && ValidateIfName(env.IfName) is { } problem)
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables, $"CNI_IFNAME '{env.IfName}' is invalid: {problem}");

        return command is CniCommand.Add or CniCommand.Del or CniCommand.Check
            ? env with { Args = CniArgs.Parse(Get(environment, ArgsVariable)) }
            : env;
    }

    /// <summary>CNI's container id rule: an alphanumeric, then alphanumerics, '_', '.' or '-'.</summary>
    public static bool IsValidContainerId(string id) => IsValidIdentifier(id);

    /// <summary>The same rule as container ids; CNI applies it to network names.</summary>
    public static bool IsValidIdentifier(string id)
    {
        if (id.Length == 0 || !char.IsAsciiLetterOrDigit(id[0]))
            return false;

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
                return false;
        }

        return true;
    }

    /// <summary>Linux interface name rules as CNI states them; null when valid, else what is wrong.</summary>
    public static string? ValidateIfName(string name)
    {
        if (name.Length == 0)
            return "it is empty";
        if (name.Length > 15)
            return "it is longer than 15 characters";
        if (name is "." or "..")
            return "'.' and '..' are not interface names";
        foreach (var c in name)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c))
                return "it must not contain '/', ':' or whitespace";
        }

        return null;
    }

    private static string Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) ? value : "";
}
