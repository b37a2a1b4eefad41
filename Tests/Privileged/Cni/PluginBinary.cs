namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The Native AOT <c>spiderpool</c> plugin under test. Tests/run-tests.sh publishes it once and exports
/// <c>SPIDERPOOL_TEST_PLUGIN</c>; without that (an IDE run) it is published here, once per test run, into a
/// temporary directory that is removed when the test host exits.
/// </summary>
public static class PluginBinary
{
    public const string Variable = "SPIDERPOOL_TEST_PLUGIN";

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static string? s_path;

    public static async Task<string> GetAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return File.Exists(given)
                ? given
                : throw new InvalidOperationException($"{Variable}={given} does not exist; publish the plugin there or unset {Variable}");
        }

        await s_gate.WaitAsync();
        try
        {
            return s_path ??= await PublishAsync();
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static async Task<string> PublishAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"spt-plugin-{Guid.NewGuid():N}"[..20]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory left behind is harmless.
            }
        };

        var project = Path.Combine(RepositoryPaths.Root, "Cni", "Plugin", "Plugin.csproj");
        var outcome = await ChildProcess.RunAsync("dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", directory, "-nologo", "-v", "q"],
            timeout: TimeSpan.FromMinutes(15));
        var binary = Path.Combine(directory, "spiderpool");
        return outcome.ExitCode == 0 && File.Exists(binary)
            ? binary
            : throw new InvalidOperationException($"publishing {project} (Native AOT) failed; set {Variable} to a published plugin to skip this step. {outcome.Describe()}");
    }
}
