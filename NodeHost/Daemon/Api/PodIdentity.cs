namespace Spiderpool.NodeHost.Api;

/// <summary>
/// Who a CNI call is for, as NodeHost names it to the cluster. Under Kubernetes kubelet sends K8S_POD_NAMESPACE and
/// K8S_POD_NAME and that is the pod. Without Kubernetes runtimes send less (podman only K8S_POD_NAME, <c>ctr run
/// --cni</c> nothing), and what they do send is not stable across their own cache losses; the container id and the
/// interface always come with every verb. So such a call is the pod <c>&lt;standalone namespace&gt;/&lt;container
/// id&gt;.&lt;interface&gt;</c>, one record per attachment: podman's <c>network disconnect</c> (a DEL of one
/// interface) then never releases the container's other networks.
/// </summary>
internal readonly record struct PodIdentity(string Namespace, string Name, bool Standalone)
{
    public static PodIdentity Resolve(string? podNamespace, string? podName, string containerId, string ifName, string standaloneNamespace) =>
        string.IsNullOrEmpty(podNamespace) || string.IsNullOrEmpty(podName)
            ? new PodIdentity(standaloneNamespace, $"{containerId}.{ifName}", Standalone: true)
            : new PodIdentity(podNamespace, podName, Standalone: false);

    public override string ToString() => $"{Namespace}/{Name}";
}
