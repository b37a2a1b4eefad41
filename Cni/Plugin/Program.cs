using Spiderpool.Cni.Plugin;

// Only the real process wiring; the CNI protocol lives in CniDispatcher so tests can drive it in-process.
//
// The runtime starts a new plugin process for every CNI call, so what .NET starts lazily is paid each time. Nothing
// here awaits: an awaited stream or socket call starts the thread pool (two workers and the gate thread), and any
// System.Net.Sockets connect starts the socket engine's epoll thread. Measured against a stand-in NodeHost that
// answers at once, CPU per invocation (user+sys, median of 300, this 2-core VM): VERSION 4.4 → 3.7 ms without the
// thread pool; ADD 6.5 → 5.3 ms without the thread pool, → 4.0 ms with UnixSocket instead of Socket.
var environment = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var name in CniEnvironment.VariableNames)
{
    if (Environment.GetEnvironmentVariable(name) is { } value)
        environment[name] = value;
}

// A terminal on stdin (someone typing CNI_COMMAND=VERSION spiderpool) must not leave the plugin waiting for input.
using var stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : Stream.Null;
using var stdout = Console.OpenStandardOutput();
using var stderr = Console.OpenStandardError();
return CniDispatcher.Run(environment, stdin, stdout, stderr, PluginOptions.Default);
