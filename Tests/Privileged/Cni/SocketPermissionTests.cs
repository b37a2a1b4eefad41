using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Xunit;

namespace Spiderpool.Tests.Privileged.Cni;

/// <summary>
/// The published plugin run as a user who may not connect to NodeHost's socket (root's, mode 0600): it must say that,
/// with its own code, rather than "NodeHost is not running; try again later", which sends people looking for a dead
/// daemon and the runtime into retries that cannot succeed. The test drops to <c>nobody</c> with setpriv; the socket
/// is a plain listener, since connect(2) fails on the file's mode before anyone could accept.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SocketPermissionTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"spt-perm-{Guid.NewGuid():N}"[..20]);

    public SocketPermissionTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("ADD")]
    [InlineData("DEL")]
    public async Task A_plugin_run_as_nobody_against_roots_0600_socket_fails_with_permission_denied_naming_the_socket(string command)
    {
        RootRequirement.Check();
        // A copy nobody may execute, whatever the modes of the directories above the published one.
        var plugin = Path.Combine(directory, "spiderpool");
        File.Copy(await PluginBinary.GetAsync(), plugin);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var socketPath = Path.Combine(directory, "nodehost.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(16);
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "perm-net",
            ["type"] = "macvlan",
            ["master"] = "parent0",
            ["ipam"] = new JsonObject
            {
                ["type"] = "spiderpool",
                ["ipam_unix_socket_path"] = socketPath,
                ["log_file_path"] = Path.Combine(directory, "log", "spiderpool.log"),
            },
        };

        var outcome = await ChildProcess.RunAsync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", plugin],
            new Dictionary<string, string?>
            {
                ["CNI_COMMAND"] = command,
                ["CNI_CONTAINERID"] = "c0ffee01",
                ["CNI_NETNS"] = "/var/run/netns/perm-unused",
                ["CNI_IFNAME"] = "eth0",
                ["CNI_PATH"] = "/usr/lib/cni",
                ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=demo;K8S_POD_NAME=web-0;K8S_POD_UID=uid-1",
            },
            ChildProcess.Utf8(config.ToJsonString()));

        var verb = command == "ADD" ? "POST" : "DELETE";
        Assert.Equal(
            (1, $$"""{"cniVersion":"1.0.0","code":110,"msg":"permission denied on NodeHost's socket {{socketPath}}: run the plugin as root (the container runtime does)","details":"{{verb}} /v1/ipam/ip: Permission denied"}"""),
            (outcome.ExitCode, outcome.Stdout));
    }
}
