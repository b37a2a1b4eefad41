namespace Spiderpool.Cni.Plugin;

/// <summary>Everything a verb needs: the checked environment and config, the NodeHost client and the log.</summary>
internal sealed record CniInvocation(CniEnvironment Environment, NetworkConfig Config, AgentClient Agent, PluginLog Log)
{
    public string Pod => $"{Environment.Args.PodNamespace}/{Environment.Args.PodName}";
}
