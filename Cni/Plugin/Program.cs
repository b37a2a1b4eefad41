using Spiderpool.Cni.Plugin;

// Only the real process wiring; the CNI protocol lives in CniDispatcher so tests can drive it in-process.
var environment = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var name in CniEnvironment.VariableNames)
{
    if (Environment.GetEnvironmentVariable(name) is { } value)
        environment[name] = value;
}

// A terminal on stdin (someone typing CNI_COMMAND=VERSION spiderpool) must not leave the plugin waiting for input.
await using var stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : Stream.Null;
await using var stdout = Console.OpenStandardOutput();
await using var stderr = Console.OpenStandardError();
return await CniDispatcher.RunAsync(environment, stdin, stdout, stderr, PluginOptions.Default);
