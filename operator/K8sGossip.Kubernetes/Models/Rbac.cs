namespace K8sGossip.Kubernetes.Models;

/// <summary>An rbac.authorization.k8s.io/v1 Role: namespaced permissions.</summary>
public sealed record Role : KubeObject
{
    /// <summary>The permissions granted.</summary>
    public List<PolicyRule>? Rules { get; init; }
}

/// <summary>One permission: verbs on resources of API groups.</summary>
public sealed record PolicyRule : ExtensibleRecord
{
    /// <summary>API groups; <c>""</c> is the core group.</summary>
    public List<string>? ApiGroups { get; init; }

    /// <summary>Resources, for example <c>leases</c> or <c>pods/status</c>.</summary>
    public List<string>? Resources { get; init; }

    /// <summary>Verbs, for example <c>get</c>, <c>update</c>.</summary>
    public List<string>? Verbs { get; init; }

    /// <summary>Restricts the rule to these object names.</summary>
    public List<string>? ResourceNames { get; init; }
}
