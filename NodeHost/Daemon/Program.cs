using Microsoft.Extensions.Options;
using Spiderpool.NodeHost.Api;
using Spiderpool.NodeHost.Hosting;
using Spiderpool.Silo.Hosting;
using Spiderpool.Silo.Manifests;

// Spiderpool node daemon: serves the CNI plugins on a unix socket and asks the cluster.
//   Spiderpool.NodeHost [--embedded | --volatile] [NodeHost:SocketPath=...] [NodeHost__Gateways__0=host:port ...]
// --embedded hosts the silo in this process, its state in Spiderpool:DataDirectory (SQLite) unless Spiderpool:Storage
// says otherwise; --volatile is --embedded with memory-only state (Spiderpool:Storage=Volatile).
var builder = WebApplication.CreateSlimBuilder(args.Where(a => a is not ("--embedded" or "--volatile")).ToArray());
if (args.Contains("--embedded") || args.Contains("--volatile"))
{
    builder.Configuration["NodeHost:Embedded"] = "true";
}

if (args.Contains("--volatile"))
{
    builder.Configuration["Spiderpool:Storage"] = nameof(StorageMode.Volatile);
}

var settings = builder.Configuration.GetSection(NodeHostOptions.Section).Get<NodeHostOptions>() ?? new NodeHostOptions();
var errors = NodeHostOptionsValidator.Validate(settings);
if (errors.Count > 0)
{
    Console.Error.WriteLine("Invalid NodeHost settings:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
    return 2;
}

// Orleans and ASP.NET log every request at Information; keep the daemon's log about the daemon.
builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
builder.Services.Configure<NodeHostOptions>(builder.Configuration.GetSection(NodeHostOptions.Section));
if (settings.Embedded)
{
    try
    {
        builder.UseOrleans(silo => silo.UseSpiderpool(builder.Configuration));
    }
    catch (Exception ex) when (ConfigurationProblem.Find(ex) is { } problem)
    {
        Console.Error.WriteLine(problem.Message);
        return 2;
    }
}

SocketFile.Prepare(settings.SocketPath);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(settings.SocketPath));
builder.Services.AddSingleton<ClusterConnection>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
builder.Services.AddHostedService<NodeRegistrar>();
builder.Services.AddHostedService<PluginInstaller>();
builder.Services.AddHostedService<DelJournalReplayer>();
builder.Services.AddSingleton<IpamService>();
builder.Services.AddSingleton<AddressProbes>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, Spiderpool.Cni.Contract.CniContractJsonContext.Default));

var app = builder.Build();
app.MapIpamApi();
app.Lifetime.ApplicationStarted.Register(() => SocketFile.Restrict(app.Services.GetRequiredService<IOptions<NodeHostOptions>>().Value.SocketPath));
try
{
    await app.RunAsync();
}
catch (Exception ex) when (InvalidManifestException.Find(ex) is { } invalid)
{
    // --embedded applies the manifests folder too; the operator needs the file, line and field, not a stack trace.
    Console.Error.WriteLine(invalid.Message);
    return 1;
}
catch (Exception ex) when (ConfigurationProblem.Find(ex) is { } problem)
{
    // --embedded: the silo's start refused its settings (the data directory held by another process).
    Console.Error.WriteLine(problem.Message);
    return 2;
}

return 0;
