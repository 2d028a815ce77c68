namespace K8sGossip.Kubernetes.Models;

/// <summary>A core/v1 ServiceAccount.</summary>
public sealed record ServiceAccount : KubeObject
{
    /// <summary>Whether pods using this account get its token mounted by default.</summary>
    public bool? AutomountServiceAccountToken { get; init; }

    /// <summary>Pull secrets added to pods using this account.</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }
}
