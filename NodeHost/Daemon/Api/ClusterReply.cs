namespace Spiderpool.NodeHost.Api;

/// <summary>A cluster call's answer, or why there is none (always "try again later": the outcome is unknown).</summary>
internal readonly record struct ClusterReply<T>(T Value, IpamOutcome? Failure)
{
    public static ClusterReply<T> Failed(IpamOutcome failure) => new(default!, failure);
}
