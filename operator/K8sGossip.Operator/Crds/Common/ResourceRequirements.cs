using System.ComponentModel;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Operator.Crds;

/// <summary>Compute resource requests and limits of a container, as in a pod spec.</summary>
public sealed record ResourceRequirements
{
    [Description("Maximum amount of each resource, for example cpu: 500m, memory: 256Mi.")]
    public Dictionary<string, IntOrString>? Limits { get; init; }

    [Description("Amount of each resource the scheduler reserves.")]
    public Dictionary<string, IntOrString>? Requests { get; init; }
}
