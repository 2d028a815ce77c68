namespace K8sGossip.Kubernetes.Models;

/// <summary>A label query over objects (<c>metav1.LabelSelector</c>).</summary>
public sealed record LabelSelector : ExtensibleRecord
{
    /// <summary>Labels that must all be present with these values.</summary>
    public Dictionary<string, string>? MatchLabels { get; init; }

    /// <summary>Set-based requirements that must all hold.</summary>
    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }
}

/// <summary>One set-based requirement: <c>key In/NotIn/Exists/DoesNotExist values</c>.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator"><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.</param>
/// <param name="Values">Values for <c>In</c> and <c>NotIn</c>.</param>
public sealed record LabelSelectorRequirement(string Key, string Operator, List<string>? Values);
