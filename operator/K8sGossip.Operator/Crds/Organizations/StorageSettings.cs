using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The persistent volume of each peer.</summary>
public sealed record StorageSettings
{
    [DefaultValue("1Gi")]
    [Description("Size of each peer's volume, for example 10Gi.")]
    public IntOrString Size { get; init; } = "1Gi";

    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.ObjectName)]
    [Description("StorageClass of the volume claims; the cluster default when absent.")]
    public string? StorageClassName { get; init; }
}
