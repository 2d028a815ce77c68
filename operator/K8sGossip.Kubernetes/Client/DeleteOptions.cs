namespace K8sGossip.Kubernetes.Client;

/// <summary>How to delete: cascading policy and preconditions that make the delete safe against races.</summary>
public sealed record DeleteOptions
{
    /// <summary>Always <c>v1</c>.</summary>
    public string ApiVersion { get; init; } = "v1";

    /// <summary>Always <c>DeleteOptions</c>.</summary>
    public string Kind { get; init; } = "DeleteOptions";

    /// <summary><c>Orphan</c>, <c>Background</c> or <c>Foreground</c>; see <see cref="PropagationPolicies"/>.</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary>Grace period for pods; 0 deletes at once.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Delete only if the object still has this uid and/or resourceVersion.</summary>
    public DeletePreconditions? Preconditions { get; init; }
}

/// <summary>Conditions the object must meet for a delete to proceed (otherwise 409 Conflict).</summary>
/// <param name="Uid">The expected uid; protects against deleting a re-created object.</param>
/// <param name="ResourceVersion">The expected resourceVersion; protects against deleting a changed object.</param>
public sealed record DeletePreconditions(string? Uid = null, string? ResourceVersion = null);

/// <summary>Cascading deletion policies.</summary>
public static class PropagationPolicies
{
    /// <summary>Dependents are left in place.</summary>
    public const string Orphan = "Orphan";

    /// <summary>The object goes at once; the garbage collector deletes dependents afterwards.</summary>
    public const string Background = "Background";

    /// <summary>The object stays (with a finalizer) until its blocking dependents are gone.</summary>
    public const string Foreground = "Foreground";
}
