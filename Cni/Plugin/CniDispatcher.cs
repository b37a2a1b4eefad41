using System.Text;
using Spiderpool.Cni.Contract;

namespace Spiderpool.Cni.Plugin;

/// <summary>
/// The CNI protocol around the verbs, with the process's environment and streams passed in so tests run it
/// in-process: check CNI_COMMAND, read stdin, check the environment and config for the verb, run it, and write
/// exactly one thing to stdout: the result (ADD, VERSION), nothing (DEL, CHECK, STATUS, GC) or an error object.
/// Exit code 0 on success, 1 on any error. Synchronous on purpose: the plugin process does one exchange, and the
/// first awaited stream or socket call would start the thread pool for it (see <c>Program.cs</c>).
/// </summary>
internal static class CniDispatcher
{
    /// <summary>Bigger than any real config (GC lists every attachment on the node); protects against a runaway writer.</summary>
    private const int MaxStdinBytes = 64 << 20;

    private const string About = "spiderpool: the IPAM plugin of Spiderpool on Orleans; it asks NodeHost over a unix socket for addresses";

    public static int Run(
        IReadOnlyDictionary<string, string> environment,
        Stream stdin,
        Stream stdout,
        Stream stderr,
        PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(options);

        var outputVersion = CniVersions.Latest;
        PluginLog? log = null;
        try
        {
            CniCommand command;
            try
            {
                command = CniEnvironment.ParseCommand(environment);
            }
            catch (CniException) when (!environment.ContainsKey(CniEnvironment.CommandVariable))
            {
                // Run by hand: say what this is (stderr, never stdout), then the error result as usual.
                var about = Encoding.UTF8.GetBytes($"{About}\nCNI protocol versions supported: {string.Join(", ", CniVersions.Supported)}\n");
                stderr.Write(about);
                throw;
            }

            var input = ReadAll(stdin);
            outputVersion = NetworkConfigParser.PeekVersion(input) ?? CniVersions.Latest;

            if (command == CniCommand.Version)
            {
                // Echo the cniVersion on stdin when supported (libcni sends {"cniVersion":...}); else, as from a shell, the latest.
                stdout.Write(CniOutput.Version(outputVersion));
                return 0;
            }

            var env = CniEnvironment.Parse(command, environment);
            var config = NetworkConfigParser.Parse(input, command);

            log = PluginLog.Open(config.Ipam, stderr, Context(env));
            log.Debug($"network {config.Name}, main plugin type '{config.Type}', cniVersion {config.CniVersion}, netns '{env.NetNs}', " +
                      $"NodeHost socket {config.Ipam.SocketPath}");

            var timeout = command == CniCommand.Status ? options.StatusTimeout : options.RequestTimeout;
            var agent = new AgentClient(config.Ipam.SocketPath, options.ConnectTimeout, timeout);
            var invocation = new CniInvocation(env, config, agent, log);
            switch (command)
            {
                case CniCommand.Add:
                    stdout.Write(AddCommand.Run(invocation));
                    break;
                case CniCommand.Del:
                    DelCommand.Run(invocation);
                    break;
                case CniCommand.Check:
                    CheckCommand.Run(invocation);
                    break;
                case CniCommand.Status:
                    StatusCommand.Run(invocation);
                    break;
                case CniCommand.Gc:
                    GcCommand.Run(invocation);
                    break;
                default:
                    throw new CniException(CniErrorCode.Internal, $"no handler for CNI_COMMAND {command}");
            }

            return 0;
        }
        catch (CniException e)
        {
            log?.Error($"code {e.Code}: {e.Message}{(string.IsNullOrEmpty(e.Details) ? "" : $" ({e.Details})")}");
            return Fail(stdout, outputVersion, e.Code, e.Message, e.Details);
        }
        catch (Exception e)
        {
            log?.Error($"unexpected {e}");
            return Fail(stdout, outputVersion, (int)CniErrorCode.Internal,
                $"internal error in the spiderpool plugin: {e.GetType().Name}: {e.Message}", e.StackTrace);
        }
        finally
        {
            log?.Dispose();
        }
    }

    private static int Fail(Stream stdout, string version, int code, string message, string? details)
    {
        try
        {
            stdout.Write(CniOutput.Error(version, code, message, details));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The runtime has gone; the exit code is all that is left to say it.
        }

        return 1;
    }

    private static byte[] ReadAll(Stream stdin)
    {
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = stdin.Read(chunk)) > 0)
            {
                if (buffer.Length + read > MaxStdinBytes)
                    throw new CniException(CniErrorCode.IoFailure, $"stdin holds more than {MaxStdinBytes >> 20} MiB; that is not a network config");
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new CniException(CniErrorCode.IoFailure, $"cannot read the network config from stdin: {e.Message}");
        }
    }

    private static string Context(CniEnvironment env)
    {
        var verb = env.Command.ToString().ToUpperInvariant();
        return env.Command switch
        {
            CniCommand.Add or CniCommand.Del or CniCommand.Check =>
                $"{verb} containerID={env.ContainerId} ifName={env.IfName} pod={env.Args.PodNamespace}/{env.Args.PodName} uid={env.Args.PodUid}",
            _ => verb,
        };
    }
}
