using System.Reflection;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>Where the repository and the build outputs the tests start as child processes are.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The directory holding Spiderpool.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>
    /// The configuration this test assembly was built in. The test project references NodeHost (and through it the
    /// silo), so building the tests builds those in the same configuration, and the child processes run that build.
    /// </summary>
    public static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string NodeHostDll => Existing(
        Path.Combine(Root, "NodeHost", "Daemon", "bin", Configuration, "net10.0", "Spiderpool.NodeHost.dll"),
        $"dotnet build NodeHost/Daemon/Daemon.csproj -c {Configuration}");

    public static string SiloDll => Existing(
        Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "Spiderpool.Silo.dll"),
        $"dotnet build Silo/Silo.csproj -c {Configuration}");

    /// <summary>Debian's containernetworking-plugins (the real peers of these tests).</summary>
    public static string DebianPlugin(string name) => Existing(
        Path.Combine("/usr/lib/cni", name),
        "apt-get install containernetworking-plugins");

    private static string Existing(string path, string howToGet) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} does not exist; get it with `{howToGet}`");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Spiderpool.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Spiderpool.sln above {AppContext.BaseDirectory}; run the tests from the repository's build output");
    }
}
