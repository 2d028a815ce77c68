using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning;

/// <summary>The resources being planned, their indexes, and the issues found so far.</summary>
internal sealed class PlanningContext(PlanningTarget target, Func<object, string, SourceLocation?>? locate)
{
    private readonly List<PlanningIssue> issues = [];
    private readonly Dictionary<ResourceRef, KubeObject> originals = [];

    public PlanningTarget Target { get; } = target;

    public bool IsLocal => Target is LocalTarget;

    public List<ResourceEntry<OrganizationSpec>> Organizations { get; } = [];

    public List<ResourceEntry<ChannelSpec>> Channels { get; } = [];

    public List<ResourceEntry<AnchorPeerSpec>> AnchorPeers { get; } = [];

    public IReadOnlyList<PlanningIssue> Issues => issues;

    /// <summary>Resources that failed admission; references to them are not reported again as missing.</summary>
    public HashSet<ResourceRef> Rejected { get; } = [];

    /// <summary>True when a resource of this kind and name was given but rejected.</summary>
    public bool WasRejected(string kind, string @namespace, string name) =>
        Rejected.Contains(new ResourceRef(kind, @namespace, name));

    public bool HasErrors => issues.Any(i => i.Severity == IssueSeverity.Error);

    public void Remember(ResourceRef reference, KubeObject original) => originals.TryAdd(reference, original);

    public void Error(ResourceRef? resource, string field, FieldErrorType type, string? badValue, string detail) =>
        Add(PlanningIssue.ForField(IssueSeverity.Error, resource, new FieldError(field, type, badValue, detail)));

    /// <summary>Adds an issue located in <paramref name="original"/>, for when several objects share one reference.</summary>
    public void AddFor(KubeObject original, PlanningIssue issue) =>
        Add(issue.Location is null && locate is not null ? issue with { Location = locate(original, issue.Field) } : issue);

    public void Warning(ResourceRef? resource, string field, string message) =>
        Add(PlanningIssue.Warning(resource, field, message));

    public void Add(PlanningIssue issue)
    {
        if (issue.Location is null && issue.Resource is not null && locate is not null && originals.TryGetValue(issue.Resource, out var original))
        {
            issue = issue with { Location = locate(original, issue.Field) };
        }

        issues.Add(issue);
    }

    /// <summary>Finds an Organization in a namespace by name, else by MSP ID.</summary>
    public ResourceEntry<OrganizationSpec>? FindOrganization(string @namespace, string reference) =>
        Organizations.FirstOrDefault(o => o.Namespace == @namespace && o.Name == reference)
        ?? Organizations.FirstOrDefault(o => o.Namespace == @namespace && o.Spec.MspId == reference);

    public ResourceEntry<ChannelSpec>? FindChannel(string @namespace, string name) =>
        Channels.FirstOrDefault(c => c.Namespace == @namespace && c.Name == name);

    /// <summary>The member organizations of a channel that resolve, in the channel's order, without repeats.</summary>
    public IReadOnlyList<ResourceEntry<OrganizationSpec>> MembersOf(ResourceEntry<ChannelSpec> channel) =>
        [.. channel.Spec.Organizations
            .Select(reference => FindOrganization(channel.Namespace, reference))
            .OfType<ResourceEntry<OrganizationSpec>>()
            .Distinct()];
}
