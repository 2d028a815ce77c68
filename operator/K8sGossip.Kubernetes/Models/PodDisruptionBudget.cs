namespace K8sGossip.Kubernetes.Models;

/// <summary>A policy/v1 PodDisruptionBudget.</summary>
public sealed record PodDisruptionBudget : KubeObject
{
    /// <summary>The desired budget.</summary>
    public PodDisruptionBudgetSpec? Spec { get; init; }

    /// <summary>The observed budget.</summary>
    public PodDisruptionBudgetStatus? Status { get; init; }
}

/// <summary>How many selected pods must stay up, or may be down, during voluntary disruptions.</summary>
public sealed record PodDisruptionBudgetSpec : ExtensibleRecord
{
    /// <summary>Pods that must remain available (number or percentage).</summary>
    public IntOrString? MinAvailable { get; init; }

    /// <summary>Pods that may be unavailable (number or percentage).</summary>
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>The pods covered.</summary>
    public LabelSelector? Selector { get; init; }
}

/// <summary>The observed disruption budget.</summary>
public sealed record PodDisruptionBudgetStatus : ExtensibleRecord
{
    /// <summary>The generation observed.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>Disruptions currently allowed.</summary>
    public int? DisruptionsAllowed { get; init; }

    /// <summary>Healthy pods now.</summary>
    public int? CurrentHealthy { get; init; }

    /// <summary>Healthy pods required.</summary>
    public int? DesiredHealthy { get; init; }

    /// <summary>Pods counted by the budget.</summary>
    public int? ExpectedPods { get; init; }
}
