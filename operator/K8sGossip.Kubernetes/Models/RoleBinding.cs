namespace K8sGossip.Kubernetes.Models;

/// <summary>An rbac.authorization.k8s.io/v1 RoleBinding: grants a role to subjects in a namespace.</summary>
public sealed record RoleBinding : KubeObject
{
    /// <summary>The role granted.</summary>
    public RoleRef? RoleRef { get; init; }

    /// <summary>Who gets the role.</summary>
    public List<RbacSubject>? Subjects { get; init; }
}

/// <summary>The role a binding grants.</summary>
/// <param name="ApiGroup">Always <c>rbac.authorization.k8s.io</c>.</param>
/// <param name="Kind"><c>Role</c> or <c>ClusterRole</c>.</param>
/// <param name="Name">The role's name.</param>
public sealed record RoleRef(string ApiGroup, string Kind, string Name);

/// <summary>A user, group or service account a binding applies to.</summary>
public sealed record RbacSubject : ExtensibleRecord
{
    /// <summary><c>ServiceAccount</c>, <c>User</c> or <c>Group</c>.</summary>
    public string Kind { get; init; } = "ServiceAccount";

    /// <summary>The subject's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The service account's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The API group for users and groups.</summary>
    public string? ApiGroup { get; init; }
}
