namespace K8sGossip.Kubernetes.Client;

/// <summary>Filters and paging for a list request.</summary>
public sealed record ListOptions
{
    /// <summary>A label selector, for example <c>app=peer,org in (a,b)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, for example <c>metadata.name=x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }
}
