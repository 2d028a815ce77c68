namespace K8sGossip.Kubernetes.TestServer.Resources;

/// <summary>One served resource: its names, scope, subresources and the list semantics used by server-side apply.</summary>
internal sealed record ResourceType(
    string Group,
    IReadOnlyList<string> Versions,
    string Plural,
    string Singular,
    string Kind,
    string ListKind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources,
    bool TracksGeneration,
    bool IsCustom,
    ListSchema Lists,
    IReadOnlyList<string> ExtraFieldSelectors)
{
    /// <summary>Storage key: one store per group and resource, whatever version it is served at.</summary>
    public string Key => Group + "/" + Plural;

    /// <summary>"leases.coordination.k8s.io", or "configmaps" for the core group, as used in error messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>"Lease.coordination.k8s.io", or "ConfigMap" for the core group, as used in Invalid messages.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    public bool HasStatus => Subresources.Contains("status");

    /// <summary>Custom resources and pods return the deleted object; other built-ins return a Success Status.</summary>
    public bool ReturnsDeletedObject => IsCustom || (Group.Length == 0 && Plural == "pods");

    /// <summary>Typed built-in lists omit kind/apiVersion on items; custom resource lists keep them.</summary>
    public bool ListItemsCarryKind => IsCustom;

    /// <summary>PUT to a missing object creates it (leases, services, events and RBAC objects in the real API).</summary>
    public bool AllowsCreateOnUpdate =>
        !IsCustom && ((Group, Plural) is ("coordination.k8s.io", "leases") or ("", "services") or ("", "events") || Group == "rbac.authorization.k8s.io");

    /// <summary>PUT without metadata.resourceVersion overwrites; leases, CRDs and custom resources insist on one.</summary>
    public bool AllowsUnconditionalUpdate => !IsCustom && Group is not ("coordination.k8s.io" or "apiextensions.k8s.io");

    public string ApiVersion(string version) => Group.Length == 0 ? version : Group + "/" + version;
}
