namespace Spiderpool.Cni.Plugin;

/// <summary>Everything a verb needs: the checked environment and config, the NodeHost client and the log.</summary>
internal sealed record CniInvocation(CniEnvironment Environment, NetworkConfig Config, AgentClient Agent, PluginLog Log)
{
    /// <summary>The pod as a person reads it: <c>namespace/name</c>, or the container and interface outside Kubernetes.</summary>
    public string Pod => Environment.Args.HasPodIdentity
        ? $"{Environment.Args.PodNamespace}/{Environment.Args.PodName}"
        : $"container {Environment.ContainerId} interface {Environment.IfName}";
}
