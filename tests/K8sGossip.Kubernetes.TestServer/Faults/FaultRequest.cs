namespace K8sGossip.Kubernetes.TestServer;

/// <summary>A request as fault rules see it: the raw method and path, plus the parsed API coordinates when it addresses a resource.</summary>
/// <param name="Verb">get, list, watch, create, update, patch, delete, deletecollection, or "discovery" for anything else.</param>
public sealed record FaultRequest(string Method, string Path, string Verb, string? Group, string? Resource, string? Namespace, string? Name, string? Subresource)
{
    public bool IsWatch => Verb == "watch";
}
