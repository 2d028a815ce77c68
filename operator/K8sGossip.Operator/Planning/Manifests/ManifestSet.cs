using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Operator.Planning.Manifests;

/// <summary>The K8sGossip resources read from manifest files, the issues found, and where each resource came from.</summary>
public sealed class ManifestSet
{
    private readonly Dictionary<KubeObject, ParsedDocument> sources;

    internal ManifestSet(IReadOnlyList<KubeObject> resources, IReadOnlyList<PlanningIssue> issues, Dictionary<KubeObject, ParsedDocument> sources)
    {
        Resources = resources;
        Issues = issues;
        this.sources = sources;
    }

    /// <summary>The validated, defaulted resources, in file and document order.</summary>
    public IReadOnlyList<KubeObject> Resources { get; }

    /// <summary>Errors and warnings, each with its file and line.</summary>
    public IReadOnlyList<PlanningIssue> Issues { get; }

    /// <summary>True when any issue is an error.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == IssueSeverity.Error);

    /// <summary>Where a field of a loaded resource is written, or null for a resource this set did not load.</summary>
    public SourceLocation? Locate(object resource, string field)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(field);
        return resource is KubeObject kubeObject && sources.TryGetValue(kubeObject, out var document) ? document.Locate(field) : null;
    }
}
