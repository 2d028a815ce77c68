namespace K8sGossip.Operator.Planning;

/// <summary>The outcome of planning: a plan, or the errors that prevent one; warnings either way.</summary>
/// <param name="Plan">The plan; null when there are errors.</param>
/// <param name="Issues">Errors and warnings, in the order found.</param>
public sealed record PlanningResult(NetworkPlan? Plan, IReadOnlyList<PlanningIssue> Issues)
{
    /// <summary>True when a plan was made.</summary>
    public bool Succeeded => Plan is not null;

    /// <summary>The errors.</summary>
    public IReadOnlyList<PlanningIssue> Errors => [.. Issues.Where(i => i.Severity == IssueSeverity.Error)];

    /// <summary>The warnings.</summary>
    public IReadOnlyList<PlanningIssue> Warnings => [.. Issues.Where(i => i.Severity == IssueSeverity.Warning)];
}
