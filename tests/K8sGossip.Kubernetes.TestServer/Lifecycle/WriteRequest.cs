namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>Who writes what where: the resource, the version it is addressed at, the namespace, subresource and field manager.</summary>
internal sealed record WriteRequest(Resources.ResourceType Type, string Version, string Namespace, string Subresource, string Manager)
{
    public string ApiVersion => Type.ApiVersion(Version);
}
