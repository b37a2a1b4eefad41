using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spiderpool.Silo.Demo;
using Spiderpool.Silo.Hosting;
using Spiderpool.Silo.Manifests;
using Spiderpool.Silo.Samples;

// Spiderpool silo host.
//   Spiderpool.Silo [run]                  host a silo configured from appsettings.json / environment (Spiderpool__*)
//   Spiderpool.Silo demo [--samples DIR]   volatile embedded silo (memory only), load sample pools and pods, allocate, release
var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "run";
var samplesDir = ArgValue(args, "--samples") ?? FindSamples();

var builder = Host.CreateApplicationBuilder(args.Where(a => a is not ("demo" or "run")).ToArray());
// Orleans' resilience pipelines (Polly) log every execution attempt at Information, about two lines per CNI ADD;
// failures still come through at Warning. NodeHost filters them the same way.
builder.Logging.AddFilter("Polly", LogLevel.Warning);
if (command == "demo")
{
    // The demo is the "try it" path: never touch a database or the data directory, whatever the environment says.
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Spiderpool:Storage"] = nameof(StorageMode.Volatile),
        ["Spiderpool:SiloPort"] = "0",
        ["Spiderpool:GatewayPort"] = "0",
    });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    // Orleans' watchdog reports host pauses (a VM's clock jumps); not something a demo user can act on.
    builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
}
else if (command != "run")
{
    Console.Error.WriteLine($"unknown command '{command}'; use 'run' (default) or 'demo [--samples DIR]'");
    return 2;
}

try
{
    if (command == "demo")
    {
        // Free ports, so the demo runs beside anything else on the machine.
        builder.Configuration["Spiderpool:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Spiderpool:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    builder.UseOrleans(silo => silo.UseSpiderpool(builder.Configuration));
    using var host = builder.Build();
    if (command == "run")
    {
        var settings = builder.Configuration.GetSection(SpiderpoolSiloOptions.Section).Get<SpiderpoolSiloOptions>() ?? new();
        if (settings.Storage == StorageMode.Postgres && await PostgresPreflight.CheckAsync(settings.Postgres.ConnectionString!) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return 1;
        }

        await host.RunAsync();
        return 0;
    }

    var samples = SampleManifests.Load(samplesDir);
    await host.StartAsync();
    Console.WriteLine("Spiderpool embedded silo started (memory only: nothing survives this process).");
    var exit = await new EmbeddedDemo(host.Services.GetRequiredService<IGrainFactory>(), Console.Out).RunAsync(samples);
    await host.StopAsync();
    return exit;
}
catch (Exception ex) when (ConfigurationProblem.Find(ex) is { } problem)
{
    // Also when the silo's start finds it (the data directory held by another process).
    Console.Error.WriteLine(problem.Message);
    return 2;
}
catch (Exception ex) when (InvalidManifestException.Find(ex) is { } invalid)
{
    // The silo's lifecycle wraps it; the operator needs the file, line and field, not a stack trace.
    Console.Error.WriteLine(invalid.Message);
    return 1;
}


static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindSamples()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "Deploy", "samples");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    return Path.Combine("Deploy", "samples");
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
