namespace K8sGossip.Kubernetes.Errors;

/// <summary>What a request needs from RBAC: verb on resource in an API group and namespace.</summary>
/// <param name="Verb">The RBAC verb, for example <c>update</c>.</param>
/// <param name="ApiGroup">The API group; empty for the core group.</param>
/// <param name="Resource">The resource, with subresource when any, for example <c>leases</c> or <c>pods/status</c>.</param>
/// <param name="Namespace">The namespace, or null for cluster scope.</param>
public sealed record RbacRequirement(string Verb, string ApiGroup, string Resource, string? Namespace)
{
    /// <summary>The Role/ClusterRole rule that grants the request, in kubectl-like form.</summary>
    public string Rule => $"apiGroups=[{(ApiGroup.Length == 0 ? "\"\"" : ApiGroup)}] resources=[{Resource}] verbs=[{Verb}]";

    /// <inheritdoc />
    public override string ToString() =>
        $"{Verb} {Resource}{(ApiGroup.Length == 0 ? "" : "." + ApiGroup)} {(Namespace is null ? "at cluster scope" : $"in namespace '{Namespace}'")}; needs rule: {Rule}";
}
