namespace K8sGossip.Kubernetes.Client;

/// <summary>Where a kind lives in the API: group, version, URL plural, kind, and whether it is namespaced.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The version, for example <c>v1</c>.</param>
/// <param name="Plural">The lower-case plural used in URLs and RBAC rules, for example <c>leases</c>.</param>
/// <param name="Kind">The CamelCase kind, for example <c>Lease</c>.</param>
/// <param name="Namespaced">True for namespaced kinds, false for cluster-scoped ones.</param>
public sealed record ResourceDescriptor(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>The <c>apiVersion</c> value: <c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The resource with its group, as in error messages: <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Builds the request path for a collection or one object, optionally a subresource.</summary>
    /// <param name="namespace">The namespace; required for namespaced kinds, ignored otherwise.</param>
    /// <param name="name">The object name; null for the collection.</param>
    /// <param name="subresource">For example <c>status</c>; null for the object itself.</param>
    public string Path(string? @namespace, string? name = null, string? subresource = null)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        var path = root;
        if (Namespaced)
        {
            if (!string.IsNullOrEmpty(@namespace))
            {
                path += "/namespaces/" + Uri.EscapeDataString(@namespace);
            }
            else if (name is not null)
            {
                throw new ArgumentException($"{Kind} is namespaced: a namespace is required to address '{name}'.", nameof(@namespace));
            }
        }

        path += "/" + Plural;
        if (name is not null)
        {
            if (name.Length == 0)
            {
                throw new ArgumentException($"A {Kind} name must not be empty.", nameof(name));
            }

            path += "/" + Uri.EscapeDataString(name);
            if (subresource is not null)
            {
                path += "/" + subresource;
            }
        }

        return path;
    }
}
